// Lure language as data, per language: the verbs, nouns and states that credential, payment, delivery and
// pressure lures are built from, rather than whole phrases copied from single messages. Everything is written
// folded (lower case, accents removed, as `fold` leaves text) and may use small regular-expression fragments
// (`\w*` for endings). Detections combine the parts (a verb near "your" near an account noun; "your" account
// noun near a restricted state), so a lure phrased a new way still matches.

export type LureLanguage = 'en' | 'de' | 'nl' | 'fr' | 'es' | 'pt' | 'it';

export interface LanguageLexicon {
  /** Second-person possessives ("your"): lures speak to the reader about the reader's things. */
  your: string[];
  /** Things a credential lure is about: account, password, mailbox, card, payment details… */
  accountNouns: string[];
  /** What the reader is asked to do to them: verify, confirm, update, unlock, restore… */
  credentialVerbs: string[];
  /** What supposedly happened to them: suspended, locked, limited, expired… */
  restrictedStates: string[];
  /** Security events claimed to have happened: unusual sign-in, new device… */
  securityEvents: string[];
  /** Deadlines and threats. */
  urgency: string[];
  /** Payment redirection: new bank details, changed account for payment, overdue invoice… */
  paymentChange: string[];
  /** Parcel nouns and the failed-delivery or fee claims around them. */
  parcelNouns: string[];
  deliveryProblems: string[];
  /** Words naming a secret typed into a form. */
  passwordWords: string[];
  /** Sign-in and verification button words. */
  signInWords: string[];
  /** Verbs on buttons that take the reader to act on something of theirs: open, view, download, pay, track… */
  actionVerbs: string[];
  /** Rewards dangled before the reader: gift card, voucher, prize, credit… */
  rewardNouns: string[];
}

export const lureLexicon: Record<LureLanguage, LanguageLexicon> = {
  en: {
    your: ['your'],
    accountNouns: ['account', 'password', 'passcode', 'mailbox', 'e-?mail(?! ?address)( account)?', 'login( details)?', 'credentials', 'identity', 'wallet', 'card', 'payment (details|information|method)', 'billing (details|information)', 'personal (details|information)', 'access', 'subscription', 'apple ?id', 'profile'],
    credentialVerbs: ['verify', 'confirm', 'validate', 'review', 'update', 're-?activate', 'restore', 'unlock', 'secure', 'reset', 're-?confirm', 'authenticate', 'unblock', 'recover', 'sign in to', 'log ?in to', 'login to'],
    restrictedStates: ['suspended', 'locked', 'limited', 'restricted', 'disabled', 'deactivated', 'blocked', 'compromised', 'on hold', 'terminated', 'expir(ed|es|ing)', 'will (be )?(expire|closed|deleted|suspended)', 'deleted', 'frozen', 'put on hold'],
    securityEvents: ['unusual (sign-?in|login|activity)', 'suspicious (sign-?in|login|activity|transaction)', 'someone (tried|attempted) to (log|sign) ?in', 'new (sign-?in|login) (to|on|from)', '(sign|log) ?in attempt', 'unauthori[sz]ed (access|transaction|login)'],
    urgency: ['within (24|48|12|72) ?(hours|hrs|h)', 'within (one|1|two|2) (hour|day)s?', 'immediate(ly)?', 'urgent(ly)?', 'as soon as possible', 'final (notice|warning|reminder)', 'last (warning|notice|reminder)', 'action required', 'expires? today', 'failure to (respond|comply|verify|confirm|update)', 'if you (do not|don\'?t|fail to) (respond|verify|confirm|update)'],
    paymentChange: ['(new|updated|changed?|different) (bank|banking|account|payment|remittance|wire) (details|information|info|account|instructions)', '(change|update) (of|to|in) (our|the|my) (bank|banking|payment|remittance) (details|account|information)', '(outstanding|overdue|unpaid) (invoice|payment)s?', '(update|change) (my|the) direct deposit'],
    parcelNouns: ['package', 'parcel', 'shipment', 'delivery', 'order'],
    deliveryProblems: ['could not be delivered', 'was not delivered', '(delivery|shipment) (failed|attempt failed|was unsuccessful)', 'on hold', 'held (at|in) (customs|our)', 'awaiting (payment|confirmation)', '(customs|delivery|shipping|redelivery) (fee|charge|duty)', 'confirm (your )?(delivery|shipping) (address|details)', 'reschedule (your )?delivery'],
    passwordWords: ['password', 'passcode', 'passphrase', 'pin( code)?', 'one-?time (code|password)', 'security code'],
    signInWords: ['sign ?in', 'log ?in', 'logon', 'log on', 'verify', 'unlock', 'access (your )?(account|mailbox|document)'],
    actionVerbs: ['open', 'view', 'review', 'download', 'pay', 'track', 'resolve', 'activate', 'click here'],
    rewardNouns: ['gift( card)?', 'voucher', 'reward', 'prize', 'winner', 'you (have )?won', 'claim', 'bonus', 'coupon', 'free'],
  },
  de: {
    your: ['ihr', 'ihre', 'ihren', 'ihrem', 'ihres', 'dein', 'deine', 'deinen'],
    accountNouns: ['konto', 'kundenkonto', 'passwort', 'kennwort', 'postfach', 'zugang', 'zugangsdaten', 'anmeldedaten', 'daten', 'angaben', 'identitat', 'karte', 'kreditkarte', 'zahlungsdaten', 'zahlungsinformationen', 'kontoinformationen', 'abonnement', 'mitgliedschaft'],
    credentialVerbs: ['bestatigen', 'bestatige', 'verifizieren', 'verifiziere', 'aktualisieren', 'aktualisiere', 'entsperren', 'reaktivieren', 'wiederherstellen', 'uberprufen', 'prufen', 'anmelden', 'melden sie sich'],
    restrictedStates: ['gesperrt', 'eingeschrankt', 'deaktiviert', 'gekundigt', 'blockiert', 'suspendiert', 'lauft (bald )?ab', 'abgelaufen', 'geloscht', 'eingefroren', 'vorubergehend (gesperrt|eingeschrankt)'],
    securityEvents: ['ungewohnliche (anmeldung|aktivitat|aktivitaten)', 'verdachtige (anmeldung|aktivitat|aktivitaten|transaktion)', 'neue anmeldung', 'unbefugte(r)? (zugriff|anmeldung)'],
    urgency: ['dringend', 'sofort', 'umgehend', 'letzte (mahnung|warnung|erinnerung)', 'endet heute', 'innerhalb von (24|48|12|72) stunden', 'handeln sie jetzt', 'frist'],
    paymentChange: ['neue bankverbindung', 'geanderte bankdaten', 'neue kontoverbindung', '(offene|uberfallige|unbezahlte) rechnung'],
    parcelNouns: ['paket', 'sendung', 'lieferung', 'bestellung', 'zustellung'],
    deliveryProblems: ['konnte nicht zugestellt werden', 'nicht zugestellt', 'zustellung (fehlgeschlagen|nicht moglich)', 'zollgebuhr\\w*', 'liefergebuhr\\w*', 'versandkosten', 'angehalten', 'wartet auf (zahlung|bestatigung)', 'lieferadresse bestatigen'],
    passwordWords: ['passwort', 'kennwort', 'pin', 'geheimzahl', 'sicherheitscode'],
    signInWords: ['anmelden', 'einloggen', 'login', 'bestatigen', 'verifizieren', 'entsperren'],
    actionVerbs: ['offnen', 'ansehen', 'anzeigen', 'herunterladen', 'bezahlen', 'verfolgen', 'aktivieren', 'hier klicken'],
    rewardNouns: ['gutschein\\w*', 'guthaben', 'gewinn\\w*', 'pramie', 'geschenk\\w*', 'belohnung', 'gratis', 'kostenlos\\w*'],
  },
  nl: {
    your: ['uw', 'je', 'jouw'],
    accountNouns: ['account', 'rekening', 'wachtwoord', 'mailbox', 'postvak', 'gegevens', 'identiteit', 'bankpas', 'betaalpas', 'creditcard', 'betaalgegevens', 'abonnement', 'toegang', 'inloggegevens'],
    credentialVerbs: ['bevestig', 'bevestigen', 'verifieer', 'verifieren', 'controleer', 'controleren', 'update', 'bijwerken', 'werk .{0,20} bij', 'herstel', 'herstellen', 'ontgrendel', 'activeer', 'heractiveer', 'log in', 'inloggen'],
    restrictedStates: ['geblokkeerd', 'opgeschort', 'beperkt', 'gedeactiveerd', 'verlopen', 'verloopt', 'verwijderd', 'bevroren', 'stopgezet', 'tijdelijk (geblokkeerd|beperkt)'],
    securityEvents: ['ongebruikelijke (aanmelding|activiteit|inlogpoging)', 'verdachte (aanmelding|activiteit|transactie)', 'nieuwe aanmelding', 'onbevoegde toegang'],
    urgency: ['dringend', 'onmiddellijk', 'laatste (herinnering|waarschuwing|kans)', 'binnen (24|48|12|72) uur', 'vandaag nog', 'verloopt vandaag'],
    paymentChange: ['nieuwe bankgegevens', 'nieuw rekeningnummer', 'gewijzigde bankgegevens', '(openstaande|achterstallige|onbetaalde) factuur'],
    parcelNouns: ['pakket', 'pakketje', 'zending', 'bestelling', 'levering'],
    deliveryProblems: ['kon niet (worden )?(bezorgd|geleverd)', 'niet (bezorgd|afgeleverd)', 'bezorging (mislukt|niet mogelijk)', 'douanekosten', 'verzendkosten', 'in afwachting van (betaling|bevestiging)', 'bezorgadres bevestigen', 'wordt vastgehouden'],
    passwordWords: ['wachtwoord', 'pincode', 'pin', 'toegangscode', 'beveiligingscode'],
    signInWords: ['inloggen', 'log in', 'aanmelden', 'bevestigen', 'verifieren'],
    actionVerbs: ['openen', 'bekijk(en)?', 'downloaden', 'betalen', 'volgen', 'activeren', 'klik hier'],
    rewardNouns: ['cadeaubon', 'cadeaukaart', 'tegoed(bon)?', 'beloning', 'gewonnen', 'winnaar', 'gratis', 'cadeau'],
  },
  fr: {
    your: ['votre', 'vos', 'ton', 'ta', 'tes'],
    accountNouns: ['compte', 'mot de passe', 'messagerie', 'boite (mail|aux lettres)', 'identifiants?', 'identite', 'carte', 'carte bancaire', 'coordonnees( bancaires)?', 'informations', 'donnees', 'acces', 'abonnement', 'dossier', 'espace client'],
    credentialVerbs: ['verifiez', 'verifier', 'confirmez', 'confirmer', 'mettez a jour', 'mettre a jour', 'actualisez', 'reactivez', 'reactiver', 'debloquez', 'debloquer', 'retablir', 'restaurer', 'validez', 'valider', 'connectez-vous a', 'identifiez-vous'],
    restrictedStates: ['suspendu\\w*', 'bloque\\w*', 'desactive\\w*', 'limite\\w*', 'restreint\\w*', 'expire\\w*', 'supprime\\w*', 'ferme\\w*', 'gele\\w*', 'en attente'],
    securityEvents: ['(connexion|activite) (inhabituelle|suspecte)', 'tentative de connexion', 'nouvelle connexion', 'acces non autorise'],
    urgency: ['urgent', 'immediatement', 'dernier (avis|rappel|avertissement)', 'expire aujourd\'?hui', 'dans les (24|48|12|72) ?(heures|h)', 'sans delai', 'au plus vite'],
    paymentChange: ['nouvelles coordonnees bancaires', 'changement de rib', 'nouveau rib', '(facture|paiement) (impayee?|en retard|en attente)'],
    parcelNouns: ['colis', 'envoi', 'livraison', 'commande', 'paquet'],
    deliveryProblems: ['n\'?a pas pu etre livre', 'pas pu etre (livre|distribue)', 'echec de (la )?livraison', 'frais de (douane|livraison|port|reexpedition)', 'en attente de (paiement|confirmation)', 'confirmer (votre )?adresse de livraison', 'retenu (a la|en) douane'],
    passwordWords: ['mot de passe', 'code (pin|secret|de securite)', 'code confidentiel'],
    signInWords: ['connexion', 'se connecter', 'connectez-vous', 'verifier', 'confirmer', 's\'?identifier'],
    actionVerbs: ['ouvrir', 'voir', 'consulter', 'telecharger', 'payer', 'suivre', 'activer', 'cliquez ici'],
    rewardNouns: ['carte cadeau', 'bon d\'?achat', 'cadeau', 'recompense', 'gagn\\w*', 'gratuit\\w*', 'remboursement'],
  },
  es: {
    your: ['su', 'sus', 'tu', 'tus'],
    accountNouns: ['cuenta', 'contrasena', 'clave', 'buzon', 'correo', 'datos', 'identidad', 'tarjeta', 'informacion( personal| de pago)?', 'acceso', 'suscripcion', 'credenciales', 'usuario'],
    credentialVerbs: ['verifique', 'verifica', 'verificar', 'confirme', 'confirma', 'confirmar', 'actualice', 'actualiza', 'actualizar', 'reactive', 'reactivar', 'desbloquee', 'desbloquear', 'restablezca', 'restablecer', 'valide', 'validar', 'inicie sesion'],
    restrictedStates: ['bloquead\\w*', 'suspendid\\w*', 'desactivad\\w*', 'limitad\\w*', 'restringid\\w*', 'cancelad\\w*', 'caducad\\w*', 'vencid\\w*', 'eliminad\\w*', 'congelad\\w*', 'expira\\w*'],
    securityEvents: ['(actividad|inicio de sesion|acceso) (inusual|sospechos[oa]|no autorizad[oa])', 'intento de inicio de sesion', 'nuevo inicio de sesion'],
    urgency: ['urgente', 'inmediatamente', 'de inmediato', 'ultimo aviso', 'vence hoy', 'en las proximas (24|48|12|72) horas', 'dentro de (24|48|12|72) horas', 'plazo'],
    paymentChange: ['nuevos datos bancarios', 'cambio de cuenta bancaria', 'nueva cuenta bancaria', '(factura|pago) (pendiente|vencid[oa]|impagad[oa])'],
    parcelNouns: ['paquete', 'envio', 'pedido', 'entrega'],
    deliveryProblems: ['no (pudo|ha podido) ser entregado', 'no se pudo entregar', 'entrega (fallida|fallo)', '(gastos|tasas?) de (aduana|envio|entrega)', 'pendiente de (pago|confirmacion)', 'confirm\\w* (su |tu )?direccion de entrega', 'retenido en (la )?aduana'],
    passwordWords: ['contrasena', 'clave', 'pin', 'codigo de seguridad', 'codigo de acceso'],
    signInWords: ['iniciar sesion', 'inicie sesion', 'acceder', 'entrar', 'verificar', 'confirmar'],
    actionVerbs: ['abrir', 'ver', 'consultar', 'descargar', 'pagar', 'rastrear', 'activar', 'haga clic aqui', 'haz clic aqui'],
    rewardNouns: ['tarjeta regalo', 'regalo', 'premio', 'recompensa', 'cupon', 'ganador', 'gratis', 'reembolso'],
  },
  pt: {
    your: ['(a |o |as |os )?su(a|as)', '(o |os )?seus?', '(a |o )?tua', '(o )?teu'],
    accountNouns: ['conta', 'senha', 'caixa postal', 'caixa de (e-?mail|correio)', 'dados', 'cadastro', 'identidade', 'cartao', 'acesso', 'assinatura', 'informacoes', 'credenciais', 'chave pix', 'token'],
    credentialVerbs: ['atualize', 'atualizar', 'confirme', 'confirmar', 'valide', 'validar', 'regularize', 'regularizar', 'desbloqueie', 'desbloquear', 'verifique', 'verificar', 'reative', 'reativar', 'recadastre', 'recadastrar', 'acesse'],
    restrictedStates: ['bloquead\\w*', 'suspens\\w*', 'desativad\\w*', 'cancelad\\w*', 'expirad\\w*', 'limitad\\w*', 'vencid\\w*', 'restrit\\w*', 'encerrad\\w*', 'excluid\\w*', 'pendente\\w*', 'irregular\\w*'],
    securityEvents: ['(atividade|acesso|login) (incomum|suspeit[oa]|nao autorizad[oa])', 'tentativa de (acesso|login)', 'novo (acesso|login)', 'compra (suspeita|nao reconhecida)'],
    urgency: ['urgente', 'imediatamente', 'hoje mesmo', 'ultimo aviso', 'ultima chance', 'expira(m)? hoje', 'prazo final', 'em ate (24|48|12|72) horas', 'evite (a perda|o bloqueio|o cancelamento)'],
    paymentChange: ['novos dados bancarios', 'nova conta bancaria', 'alteracao (de|dos) dados bancarios', 'boleto (vencido|em aberto|atualizado|pendente)', '(fatura|pagamento|debito) (pendente|em aberto|vencid[oa]|em atraso)'],
    parcelNouns: ['encomenda', 'pacote', 'entrega', 'pedido', 'objeto', 'remessa'],
    deliveryProblems: ['nao (pode|pode ser|foi) entregue', 'entrega (falhou|nao realizada|pendente)', 'taxa\\w* (de )?(alfandega|alfandegaria|importacao|entrega|envio)', 'aguardando (pagamento|confirmacao)', 'retid[oa] (na|pela) (alfandega|fiscalizacao)', 'confirme (o )?endereco de entrega'],
    passwordWords: ['senha', 'palavra-passe', 'codigo de seguranca', 'pin'],
    signInWords: ['entrar', 'acessar', 'acesse', 'login', 'verificar', 'confirmar'],
    actionVerbs: ['abrir', 'ver', 'visualizar', 'consultar', 'baixar', 'pagar', 'rastrear', 'ativar', 'clique aqui'],
    rewardNouns: ['vale-?presente', 'cartao presente', 'brinde', 'premio', 'recompensa', 'cupom', 'ganhador', 'gratis', 'reembolso', 'resgat\\w*'],
  },
  it: {
    your: ['(il |la |i |le )?tu(o|a|oi|e)', '(il |la |i |le )?su(o|a|oi|e)', '(il |la )?vostr(o|a)'],
    accountNouns: ['account', 'conto', 'password', 'casella( di posta| email)?', 'dati', 'identita', 'carta', 'credenziali', 'accesso', 'abbonamento', 'profilo', 'informazioni'],
    credentialVerbs: ['verifica', 'verificare', 'conferma', 'confermare', 'aggiorna', 'aggiornare', 'sblocca', 'sbloccare', 'riattiva', 'riattivare', 'ripristina', 'ripristinare', 'convalida', 'accedi al'],
    restrictedStates: ['bloccat\\w*', 'sospes\\w*', 'disattivat\\w*', 'limitat\\w*', 'scadut\\w*', 'scade\\w*', 'chius\\w*', 'cancellat\\w*', 'congelat\\w*', 'in sospeso'],
    securityEvents: ['(accesso|attivita) (insolit[oa]|sospett[oa]|non autorizzat[oa])', 'tentativo di accesso', 'nuovo accesso'],
    urgency: ['urgente', 'immediatamente', 'subito', 'ultimo avviso', 'scade oggi', 'entro (24|48|12|72) ore', 'al piu presto'],
    paymentChange: ['nuove coordinate bancarie', 'nuovo iban', 'cambio (di )?conto bancario', '(fattura|pagamento) (in sospeso|scadut[oa]|non pagat[oa])'],
    parcelNouns: ['pacco', 'spedizione', 'consegna', 'ordine', 'pacchetto'],
    deliveryProblems: ['non (e stato|e stata|ha potuto essere) consegnat\\w*', 'consegna (fallita|non riuscita)', '(spese|tass[ae]) di (dogana|spedizione|consegna)', 'in attesa di (pagamento|conferma)', 'conferma (il tuo )?indirizzo di consegna', 'trattenut\\w* (in|alla) dogana'],
    passwordWords: ['password', 'codice (pin|di sicurezza|segreto)', 'pin'],
    signInWords: ['accedi', 'accesso', 'login', 'verifica', 'conferma'],
    actionVerbs: ['apri(re)?', 'visualizza', 'scarica(re)?', 'paga(re)?', 'traccia', 'attiva(re)?', 'clicca qui'],
    rewardNouns: ['buono( regalo)?', 'carta regalo', 'regalo', 'premio', 'ricompensa', 'vincitore', 'hai vinto', 'gratis', 'omaggio', 'rimborso'],
  },
};

const languages = Object.keys(lureLexicon) as LureLanguage[];

function alt(words: readonly string[]): string {
  return words.join('|');
}

function union(pick: (l: LanguageLexicon) => string[]): string {
  return alt([...new Set(languages.flatMap((l) => pick(lureLexicon[l])))]);
}

// what may stand between the verb and "your" without changing the ask: polite words, pronouns, "now", "today"
const fillers = [
  'please', 'now', 'immediately', 'again', 'today', 'sie', 'bitte', 'jetzt', 'sofort', 'erneut', 'heute', 'noch', 'vandaag', 'nog', 'nu', 'opnieuw',
  'maintenant', 'immediatement', 'aujourd\'?hui', 'ahora', 'hoy', 'agora', 'hoje', 'ja', 'subito', 'ora', 'oggi', 'de nuevo', 'novamente', 'di nuovo',
];

/** A verb asking to act, then the reader's account noun: "verify your account", "bestätigen Sie jetzt Ihr Konto". */
export function credentialAskPattern(lang: LureLanguage): RegExp {
  const x = lureLexicon[lang];
  return new RegExp(`\\b(${alt(x.credentialVerbs)})\\b(?: (?:${alt(fillers)})){0,2} (${alt(x.your)}) (?:[^ .!?]+ ){0,2}?(${alt(x.accountNouns)})\\b`);
}

/** The reader's account noun, then a restricted state within a few words: "your account has been suspended", "sua conta foi bloqueada". */
export function restrictedAccountPattern(lang: LureLanguage): RegExp {
  const x = lureLexicon[lang];
  return new RegExp(`\\b(${alt(x.your)}) (?:[^ .!?]+ ){0,2}?(${alt(x.accountNouns)})\\b(?: [^ .!?]+){0,5}? (${alt(x.restrictedStates)})\\b`);
}

export function securityEventPattern(lang: LureLanguage): RegExp {
  return new RegExp(`\\b(${alt(lureLexicon[lang].securityEvents)})\\b`);
}

export function urgencyPattern(lang: LureLanguage): RegExp {
  return new RegExp(`\\b(${alt(lureLexicon[lang].urgency)})\\b`);
}

export function paymentChangePattern(lang: LureLanguage): RegExp {
  return new RegExp(`\\b(${alt(lureLexicon[lang].paymentChange)})\\b`);
}

/** A parcel noun and a failed-delivery or fee claim within a sentence: "your parcel could not be delivered", "Zollgebühr für Ihr Paket". */
export function deliveryProblemPattern(lang: LureLanguage): RegExp {
  const x = lureLexicon[lang];
  const n = alt(x.parcelNouns);
  const p = alt(x.deliveryProblems);
  return new RegExp(`\\b(${n})\\b[^.!?]{0,80}?\\b(${p})|\\b(${p})\\b[^.!?]{0,80}?\\b(${n})\\b`);
}

export const lureLanguages: readonly LureLanguage[] = languages;

/** One pattern per language for each kind of lure, built from the lexicon above. */
export const lurePatterns: Readonly<Record<'credentialAsk' | 'restrictedAccount' | 'securityEvent' | 'urgency' | 'paymentChange' | 'deliveryProblem', readonly RegExp[]>> = {
  credentialAsk: languages.map(credentialAskPattern),
  restrictedAccount: languages.map(restrictedAccountPattern),
  securityEvent: languages.map(securityEventPattern),
  urgency: languages.map(urgencyPattern),
  paymentChange: languages.map(paymentChangePattern),
  deliveryProblem: languages.map(deliveryProblemPattern),
};

/** Any language's password words (folded), for form fields and labels. */
export const passwordWords: RegExp = new RegExp(`\\b(${union((l) => l.passwordWords)})\\b`);

/**
 * Words by which a link's text claims to lead somewhere to act or collect: sign-in and verification words, account
 * nouns, rewards and parcels, in every language (folded).
 */
export const actionOrRewardWords: RegExp = new RegExp(
  `\\b(${union((l) => [...l.signInWords, ...l.actionVerbs, ...l.credentialVerbs, ...l.accountNouns, ...l.rewardNouns, ...l.parcelNouns])})\\b|\\d[\\d.,]*\\s?(€|eur|euro|\\$|usd|reais)|[€$£]\\s?\\d`,
);

/** Any language's sign-in button words (folded). */
export const signInWords: RegExp = new RegExp(`\\b(${union((l) => l.signInWords)})\\b`);
