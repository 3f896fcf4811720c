import type { MailDetection } from '../mail-detection.ts';
import { quote } from '../phrases.ts';

// "Open the attached file with the password 123": the attachment is encrypted so that no gateway can read it, and the
// text hands the key to the reader. Text is folded (lower case, accents removed).
const passwordGiven =
  /\b(senha|password|passwort|kennwort|contrasena|clave|mot de passe|wachtwoord|pwd|pass)( do arquivo| do anexo| do documento| para abrir| de acesso| de apertura| to open( the)?( file| attachment| document| archive)?| for the (file|attachment|document|archive)| zum offnen| fur (den anhang|die datei)| pour ouvrir| om te openen)?\s*[:=]\s*["'“]?[a-z0-9@#$%&*._-]{2,16}\b/;
const attachmentWords = /\b(anexo|anexad\w*|attach\w*|anhang|angehangt\w*|adjunt\w*|pi[eè]ce jointe|ci-joint|bijlage|allegat\w*)\b/;

export const detection: MailDetection = {
  id: 'content.attachment-password',
  title: 'Password given for an attached file',
  description:
    'The text gives the password that opens an attached file ("use the password: 123"): encrypting an archive or a PDF keeps it from being scanned on the way in, and the message hands the key to the reader. A common delivery of banking trojans and remote-access tools.',
  category: 'content',
  maxWeight: 30,
  references: ['https://attack.mitre.org/techniques/T1027/013/', 'https://attack.mitre.org/techniques/T1566/001/'],
  falsePositives: ['Encrypted documents from payroll, accountants or lawyers that send the password in the same message (poor practice, but real).'],
  gaps: ['A password sent in a second message, or shown only in an image.'],
  evaluate(m) {
    const given = passwordGiven.exec(m.content);
    if (!given) return [];
    const attached = m.mail.attachments.length > 0;
    if (!attached && !attachmentWords.test(m.content)) return [];
    const encrypted = m.mail.attachments.filter((a) => a.encrypted);
    return [
      {
        weight: encrypted.length ? 30 : 25,
        evidence: `password for the attachment in the text: ${quote(given[0], 50)}${encrypted.length ? `; encrypted attachment ${quote(encrypted[0]!.name || encrypted[0]!.detectedType, 40)}` : attached ? '' : ' (the attachment is referred to)'}`,
        plain: 'it gives you a password to open an attached file, a way to get malware past scanning',
        ...(encrypted.length ? { attachments: encrypted.map((a) => a.sha256) } : {}),
      },
    ];
  },
  cases: [
    {
      name: 'instructions attached, password in the text',
      kind: 'true-positive',
      fires: true,
      mail: {
        subject: 'Comunicado urgente',
        text: 'Efetue a liberacao de sua conta em ate 24 horas, instrucoes anexadas a este e-mail. Para visualizar as instrucoes, utilize a senha: 123',
        attachments: [{ name: 'instrucoes.zip', contentType: 'application/zip', content: 'UEsDBAoAAAAAAA==', encoding: 'base64' }],
      },
    },
    { name: 'ordinary', kind: 'true-negative', fires: false, mail: { text: 'Attached is the schematic for the daughterboard.' } },
    {
      name: 'a password mentioned, nothing attached',
      kind: 'near-miss',
      fires: false,
      mail: { text: 'The default password: admin on the web UI of the N310 can be changed in the settings.' },
    },
  ],
};
