// Every detection model, listed explicitly (no directory scanning: a model that is not listed does not run,
// and the meta-tests fail if a file in models/ is missing here).
import type { DetectionModel } from './model.ts';
import { anomalousNewEmailRule } from './models/anomalous-new-email-rule.ts';
import { deviceCodeSignIn } from './models/device-code-sign-in.ts';
import { externalForwardingRule } from './models/external-forwarding-rule.ts';
import { impossibleTravel } from './models/impossible-travel.ts';
import { legacyProtocolSignIn } from './models/legacy-protocol-sign-in.ts';
import { mfaFatigue } from './models/mfa-fatigue.ts';
import { passwordSpray } from './models/password-spray.ts';
import { signInAfterPasswordSpray } from './models/sign-in-after-password-spray.ts';
import { signInFromAttackerSource } from './models/sign-in-from-attacker-source.ts';
import { unusualCredentialSource } from './models/unusual-credential-source.ts';
import { unusualLoginAccountUpdate } from './models/unusual-login-account-update.ts';
import { unusualLoginNewEmailRule } from './models/unusual-login-new-email-rule.ts';
import { usersBreachingSameModel } from './models/users-breaching-same-model.ts';

/** Per-event models, in evaluation order; multi-user models run last because they read the others' breaches. */
export const eventModels: readonly DetectionModel<never>[] = [
  unusualCredentialSource,
  impossibleTravel,
  legacyProtocolSignIn,
  mfaFatigue,
  passwordSpray,
  signInAfterPasswordSpray,
  deviceCodeSignIn,
  signInFromAttackerSource,
  unusualLoginAccountUpdate,
  anomalousNewEmailRule,
  unusualLoginNewEmailRule,
  externalForwardingRule,
] as unknown as readonly DetectionModel<never>[];

export const multiModels: readonly DetectionModel<never>[] = [usersBreachingSameModel] as unknown as readonly DetectionModel<never>[];

export const allModels: readonly DetectionModel<never>[] = [...eventModels, ...multiModels];

/** The file a model lives in: its id without the "saas." / "multi." prefix. */
export function modelFileName(id: string): string {
  return `${id.slice(id.indexOf('.') + 1)}.ts`;
}
