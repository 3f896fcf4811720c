// A verdict as a coloured badge with its confidence.
import { Badge } from '@fluentui/react-components';

const COLOURS: Record<string, 'danger' | 'warning' | 'informative' | 'success' | 'subtle'> = {
  malicious: 'danger',
  suspicious: 'warning',
  spam: 'informative',
  benign: 'success',
};

export function VerdictBadge({ verdict, confidence }: { verdict: string | null; confidence: number | null }) {
  if (!verdict) return <Badge appearance="outline">pending</Badge>;
  return (
    <Badge appearance="filled" color={COLOURS[verdict] ?? 'subtle'}>
      {verdict}
      {confidence !== null ? ` ${Math.round(confidence * 100)}%` : ''}
    </Badge>
  );
}
