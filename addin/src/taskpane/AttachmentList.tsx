import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { AttachRegular } from '@fluentui/react-icons/svg/attach';
import { WarningRegular } from '@fluentui/react-icons/svg/warning';
import type { AssessedAttachment } from '../../../shared/src/assessment.ts';
import { formatBytes } from './format.ts';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalS },
  risky: { color: tokens.colorPaletteRedForeground1 },
  meta: { color: tokens.colorNeutralForeground2 },
});

export function AttachmentList({ attachments }: { attachments: AssessedAttachment[] }) {
  const s = useStyles();
  return (
    <ul className={s.list} aria-label="Attachments">
      {attachments.map((a, i) => (
        <li key={`${i}:${a.sha256}`} className={s.item} aria-label={`${a.name}${a.risky ? ', risky' : ''}`}>
          {a.risky ? <WarningRegular className={s.risky} aria-hidden="true" /> : <AttachRegular aria-hidden="true" />}
          <div>
            <Text weight="semibold">{a.name}</Text>{' '}
            <Text size={200} className={s.meta}>
              {a.contentType}, {formatBytes(a.size)}
            </Text>
            {a.why ? (
              <div>
                <Text size={200} className={a.risky ? s.risky : s.meta}>
                  {a.why}
                </Text>
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
