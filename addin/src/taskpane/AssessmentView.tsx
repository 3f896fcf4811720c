import { Badge, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { MessageAssessmentResponse } from '../../../shared/src/api.ts';
import type { LanternApi } from '../api/api-client.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { LinkList } from './LinkList.tsx';
import { MessageActions } from './MessageActions.tsx';
import { SenderDetails } from './SenderDetails.tsx';
import { notFullyCheckedCopy, verdictCopy } from './verdict-copy.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  narrative: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  titleRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** Marks when the narrative first reached the screen (read by the add-in benchmark). */
const NARRATIVE_MARK = 'lantern:narrative-shown';

export function AssessmentView({ data, api, onChanged }: { data: MessageAssessmentResponse; api: LanternApi; onChanged(change: Partial<MessageAssessmentResponse>): void }) {
  const s = useStyles();
  const a = data.assessment;
  const copy = verdictCopy(a.verdict, data.state, a.reasons.length);
  const unchecked = notFullyCheckedCopy(a.reasons);
  useEffect(() => {
    if (typeof performance !== 'undefined' && performance.getEntriesByName(NARRATIVE_MARK).length === 0) performance.mark(NARRATIVE_MARK);
  }, []);
  return (
    <article className={s.root} aria-label="Lantern's assessment of this message">
      <MessageBar intent={copy.intent} layout="multiline">
        <MessageBarBody>
          <div className={s.titleRow}>
            <MessageBarTitle>{copy.title}</MessageBarTitle>
            <Badge appearance="tint" color={copy.intent === 'success' ? 'success' : copy.intent === 'warning' ? 'warning' : copy.intent === 'info' ? 'informative' : 'danger'} aria-label={`Risk score ${Math.round(a.score)} out of 100`}>
              Risk {Math.round(a.score)}/100
            </Badge>
          </div>
        </MessageBarBody>
      </MessageBar>

      {unchecked ? (
        <MessageBar intent="warning" layout="multiline" data-testid="not-fully-checked">
          <MessageBarBody>
            <MessageBarTitle>Could not be checked</MessageBarTitle>
            {unchecked}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <section className={s.section} aria-labelledby="lantern-narrative-h">
        <h2 id="lantern-narrative-h" className={s.heading}>
          What Lantern found
        </h2>
        <p className={s.narrative} data-testid="narrative">
          {a.userNarrative}
        </p>
      </section>

      {data.notice ? (
        <MessageBar intent={data.state === 'denied' ? 'warning' : 'info'} layout="multiline" data-testid="state-notice" data-state={data.state}>
          <MessageBarBody>{data.notice}</MessageBarBody>
        </MessageBar>
      ) : null}

      <MessageActions data={data} api={api} onChanged={onChanged} />

      {a.links.length > 0 ? (
        <section className={s.section} aria-labelledby="lantern-links-h">
          <h2 id="lantern-links-h" className={s.heading}>
            Links ({a.links.length})
          </h2>
          <LinkList links={a.links} verdict={a.verdict} />
        </section>
      ) : null}

      <section className={s.section} aria-labelledby="lantern-sender-h">
        <h2 id="lantern-sender-h" className={s.heading}>
          Sender
        </h2>
        <SenderDetails sender={a.sender} />
      </section>

      {a.attachments.length > 0 ? (
        <section className={s.section} aria-labelledby="lantern-attachments-h">
          <h2 id="lantern-attachments-h" className={s.heading}>
            Attachments ({a.attachments.length})
          </h2>
          <AttachmentList attachments={a.attachments} />
        </section>
      ) : null}

      {a.reasons.length > 0 ? (
        <section className={s.section} aria-labelledby="lantern-reasons-h">
          <h2 id="lantern-reasons-h" className={s.heading}>
            Why
          </h2>
          <ul className={s.reasons}>
            {a.reasons.map((r, i) => (
              <li key={`${i}:${r.code}`}>
                <Text>{r.text}</Text>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
