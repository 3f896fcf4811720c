// Every mail detection, listed explicitly (no directory scanning: a file missing here is caught by a meta-test).
import { detection as attachmentActiveContent } from './detections/attachment.active-content.ts';
import { detection as attachmentAnalysisLimited } from './detections/attachment.analysis-limited.ts';
import { detection as attachmentConfigurationProfile } from './detections/attachment.configuration-profile.ts';
import { detection as attachmentHtmlSmuggling } from './detections/attachment.html-smuggling.ts';
import { detection as attachmentQrCodeLink } from './detections/attachment.qr-code-link.ts';
import { detection as attachmentRiskyType } from './detections/attachment.risky-type.ts';
import { detection as contentAdvanceFee } from './detections/content.advance-fee.ts';
import { detection as contentAttachmentPassword } from './detections/content.attachment-password.ts';
import { detection as contentCallbackScam } from './detections/content.callback-scam.ts';
import { detection as contentCryptoLure } from './detections/content.crypto-lure.ts';
import { detection as contentCommercialPitch } from './detections/content.commercial-pitch.ts';
import { detection as contentCredentialRequest } from './detections/content.credential-request.ts';
import { detection as contentDatingLure } from './detections/content.dating-lure.ts';
import { detection as contentDeliveryLure } from './detections/content.delivery-lure.ts';
import { detection as contentExtortion } from './detections/content.extortion.ts';
import { detection as contentGiftCard } from './detections/content.gift-card.ts';
import { detection as contentHiddenText } from './detections/content.hidden-text.ts';
import { detection as contentHtmlCredentialForm } from './detections/content.html-credential-form.ts';
import { detection as contentImageOnlyLure } from './detections/content.image-only-lure.ts';
import { detection as contentObfuscatedText } from './detections/content.obfuscated-text.ts';
import { detection as contentPaymentChange } from './detections/content.payment-change.ts';
import { detection as contentPrizeScam } from './detections/content.prize-scam.ts';
import { detection as contentQrCode } from './detections/content.qr-code.ts';
import { detection as contentUrgency } from './detections/content.urgency.ts';
import { detection as contextFirstTimeSender } from './detections/context.first-time-sender.ts';
import { detection as contextRareDomain } from './detections/context.rare-domain.ts';
import { detection as contextSenderReported } from './detections/context.sender-reported.ts';
import { detection as linkBrandLoginOffDomain } from './detections/link.brand-login-off-domain.ts';
import { detection as linkCredentialPath } from './detections/link.credential-path.ts';
import { detection as linkDangerousScheme } from './detections/link.dangerous-scheme.ts';
import { detection as linkDocumentPlatformMismatch } from './detections/link.document-platform-mismatch.ts';
import { detection as linkFileSharingSteppingStone } from './detections/link.file-sharing-stepping-stone.ts';
import { detection as linkFreeHosting } from './detections/link.free-hosting.ts';
import { detection as linkIpLiteralHost } from './detections/link.ip-literal-host.ts';
import { detection as linkPunycodeConfusable } from './detections/link.punycode-confusable.ts';
import { detection as linkRandomLookingHost } from './detections/link.random-looking-host.ts';
import { detection as linkRiskyTld } from './detections/link.risky-tld.ts';
import { detection as linkShortenerRedirect } from './detections/link.shortener-redirect.ts';
import { detection as linkTextTargetMismatch } from './detections/link.text-target-mismatch.ts';
import { detection as messageNotFullyChecked } from './detections/message.not-fully-checked.ts';
import { detection as senderAuthenticationFailure } from './detections/sender.authentication-failure.ts';
import { detection as senderCompromisedAccount } from './detections/sender.compromised-account.ts';
import { detection as senderBulkMarketing } from './detections/sender.bulk-marketing.ts';
import { detection as senderDisplayNameBrand } from './detections/sender.display-name-brand.ts';
import { detection as senderDisplayNameDeception } from './detections/sender.display-name-deception.ts';
import { detection as senderDisplayNameInternal } from './detections/sender.display-name-internal.ts';
import { detection as senderFreemailMoneyLure } from './detections/sender.freemail-money-lure.ts';
import { detection as senderLookalikeDomain } from './detections/sender.lookalike-domain.ts';
import { detection as senderMalformedAddress } from './detections/sender.malformed-address.ts';
import { detection as senderPlatformDomain } from './detections/sender.platform-domain.ts';
import { detection as senderRandomLookingDomain } from './detections/sender.random-looking-domain.ts';
import { detection as senderReplyToMismatch } from './detections/sender.reply-to-mismatch.ts';
import { withLinkOrigins } from './attachments/with-link-origins.ts';
import type { MailDetection } from './mail-detection.ts';

export const mailDetections: readonly MailDetection[] = [
  attachmentActiveContent,
  attachmentAnalysisLimited,
  attachmentConfigurationProfile,
  attachmentHtmlSmuggling,
  attachmentQrCodeLink,
  attachmentRiskyType,
  contentAdvanceFee,
  contentAttachmentPassword,
  contentCallbackScam,
  contentCommercialPitch,
  contentCredentialRequest,
  contentCryptoLure,
  contentDatingLure,
  contentDeliveryLure,
  contentExtortion,
  contentGiftCard,
  contentHiddenText,
  contentHtmlCredentialForm,
  contentImageOnlyLure,
  contentObfuscatedText,
  contentPaymentChange,
  contentPrizeScam,
  contentQrCode,
  contentUrgency,
  contextFirstTimeSender,
  contextRareDomain,
  contextSenderReported,
  linkBrandLoginOffDomain,
  linkCredentialPath,
  linkDangerousScheme,
  linkDocumentPlatformMismatch,
  linkFileSharingSteppingStone,
  linkFreeHosting,
  linkIpLiteralHost,
  linkPunycodeConfusable,
  linkRandomLookingHost,
  linkRiskyTld,
  linkShortenerRedirect,
  linkTextTargetMismatch,
  messageNotFullyChecked,
  senderAuthenticationFailure,
  senderBulkMarketing,
  senderCompromisedAccount,
  senderDisplayNameBrand,
  senderDisplayNameDeception,
  senderDisplayNameInternal,
  senderFreemailMoneyLure,
  senderLookalikeDomain,
  senderMalformedAddress,
  senderPlatformDomain,
  senderRandomLookingDomain,
  senderReplyToMismatch,
].map(withLinkOrigins);
