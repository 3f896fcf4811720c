// Graph authenticationMethod records (#microsoft.graph.*AuthenticationMethod).
import type { GraphAuthenticationMethod } from '@lantern/shared';
import type { Prng } from './prng.ts';
import { graphTime } from './sign-in-factory.ts';

/** Graph's fixed id of the password method. */
const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
/** Graph's fixed id of the primary mobile phone method. */
const MOBILE_PHONE_METHOD_ID = '3179e48a-750b-4051-897c-87b9720928f7';

const IOS_MODELS = ['iPhone 13', 'iPhone 14', 'iPhone 15 Pro', 'iPhone 16', 'iPhone 12 mini'];
const ANDROID_MODELS = ['Pixel 7', 'Pixel 8 Pro', 'SM-S918B', 'SM-G991B', 'moto g84 5G'];

export function passwordMethod(createdMs: number): GraphAuthenticationMethod {
  return { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: PASSWORD_METHOD_ID, createdDateTime: graphTime(createdMs) };
}

export function authenticatorMethod(prng: Prng, createdMs: number, os: string | null): GraphAuthenticationMethod {
  const ios = os === 'Ios' || (os === null && prng.chance(0.5));
  return {
    '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
    id: prng.guid(),
    displayName: prng.pick(ios ? IOS_MODELS : ANDROID_MODELS),
    deviceTag: 'SoftwareTokenActivated',
    phoneAppVersion: ios ? `6.8.${prng.between(10, 22)}` : `6.2411.${prng.between(1000, 9999)}`,
    createdDateTime: graphTime(createdMs),
  };
}

export function mobilePhoneMethod(prng: Prng, country: string): GraphAuthenticationMethod {
  const prefix: Record<string, string> = { US: '+1', CA: '+1', GB: '+44', DE: '+49', FR: '+33', NL: '+31', AU: '+61' };
  return {
    '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
    id: MOBILE_PHONE_METHOD_ID,
    phoneNumber: `${prefix[country] ?? '+1'} ${prng.between(200, 989)}555${prng.between(1000, 9999)}`,
    phoneType: 'mobile',
  };
}
