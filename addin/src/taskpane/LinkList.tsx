import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { LinkRegular } from '@fluentui/react-icons/svg/link';
import { LockClosedRegular } from '@fluentui/react-icons/svg/lock-closed';
import type { AssessedLink, MailVerdict } from '../../../shared/src/assessment.ts';
import { isLinkLocked, isSafeHref } from './link-presentation.ts';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  locked: { border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteRedBorder2}`, backgroundColor: tokens.colorPaletteRedBackground1 },
  icon: { fontSize: '16px', marginTop: '2px' },
  lockedIcon: { color: tokens.colorPaletteRedForeground1 },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  url: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  why: { color: tokens.colorNeutralForeground2 },
});

/**
 * The message's links with where they really go. A locked link is plain text, never an anchor: it cannot be
 * clicked or tabbed to as a link, and its real destination is spelled out.
 */
export function LinkList({ links, verdict }: { links: AssessedLink[]; verdict: MailVerdict }) {
  const s = useStyles();
  return (
    <ul className={s.list} aria-label="Links in this message">
      {links.map((link, i) => {
        const locked = isLinkLocked(verdict, link) || !isSafeHref(link.url);
        const label = link.text.trim() || link.url;
        return (
          <li
            key={`${i}:${link.url}`}
            className={`${s.item} ${locked ? s.locked : ''}`}
            data-locked={locked ? 'true' : 'false'}
            aria-label={locked ? `Locked link "${label}". It really goes to ${link.url}` : `Link "${label}" goes to ${link.url}`}
          >
            {locked ? (
              <LockClosedRegular className={`${s.icon} ${s.lockedIcon}`} aria-hidden="true" />
            ) : (
              <LinkRegular className={s.icon} aria-hidden="true" />
            )}
            <div className={s.body}>
              {locked ? (
                <Text weight="semibold">
                  {label} <span className={s.why}>(locked)</span>
                </Text>
              ) : (
                <Link href={link.url} target="_blank" rel="noopener noreferrer">
                  {label}
                </Link>
              )}
              <Text size={200}>
                {locked ? 'Really goes to ' : 'Goes to '}
                <code className={s.url}>{link.url}</code>
              </Text>
              {link.why ? (
                <Text size={200} className={s.why}>
                  {link.why}
                </Text>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
