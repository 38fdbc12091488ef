/**
 * The emails Sésame sends, as pure functions: French or English, HTML and plain text with the same
 * content. Every value put into the HTML goes through `escapeHtml` (account names are free text).
 */
import { escapeHtml } from '@/lib/html';

export type Locale = 'fr' | 'en';
export type RenderedEmail = { subject: string; html: string; text: string };

export type PasswordLink = {
  identifier: string;
  kind: 'licence' | 'client';
  name: string;
  purpose: 'activation' | 'reset';
  url: string;
};

export type PasswordLinkEmailInput = {
  locale: Locale;
  orgName: string;
  ttlHours: number;
  supportEmail: string;
  links: PasswordLink[];
};

export type PasswordChangedEmailInput = {
  locale: Locale;
  orgName: string;
  identifier: string;
  name: string;
  supportEmail: string;
  appUrl: string;
  at: Date;
};

const KIND_LABEL = {
  fr: { licence: 'Licence', client: 'Code client' },
  en: { licence: 'Licence', client: 'Customer code' },
} as const;

const hours = (locale: Locale, n: number) =>
  locale === 'fr' ? `${n} heure${n > 1 ? 's' : ''}` : `${n} hour${n === 1 ? '' : 's'}`;

const describeAccount = (locale: Locale, link: PasswordLink) =>
  `${KIND_LABEL[locale][link.kind]} ${link.identifier}${link.name ? ` · ${link.name}` : ''}`;

/** Only our own http(s) links may become a button: a `javascript:` URL in a mail is an attack. */
function assertWebUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) throw new Error('Email links must be absolute http(s) URLs');
  return url;
}

function passwordLinkCopy(input: PasswordLinkEmailInput) {
  const { locale, orgName, ttlHours, supportEmail, links } = input;
  const single = links.length === 1;
  const allActivation = links.every((l) => l.purpose === 'activation');
  const idList = links.map((l) => (l.name ? `${l.identifier} (${l.name})` : l.identifier)).join(', ');
  const greetingName = single && links[0].name ? ` ${links[0].name}` : '';

  if (locale === 'fr') {
    return {
      subject: allActivation ? `Activez votre compte ${orgName}` : `Réinitialisation de votre mot de passe ${orgName}`,
      greeting: `Bonjour${greetingName},`,
      intro: !single
        ? `Cette adresse e-mail est celle de plusieurs comptes ${orgName}. Chaque compte a son propre lien, tout en bas de cet e-mail : pour une première connexion, il permet de créer votre mot de passe ; sinon, d’en choisir un nouveau.`
        : allActivation
          ? `Votre compte ${orgName} est prêt. Pour votre première connexion, créez votre mot de passe en cliquant sur le lien tout en bas de cet e-mail.`
          : `Vous avez demandé à réinitialiser votre mot de passe ${orgName}. Choisissez un nouveau mot de passe en cliquant sur le lien tout en bas de cet e-mail.`,
      identifiers: single ? `Votre identifiant : ${idList}` : `Vos identifiants : ${idList}`,
      validity: single ? `Ce lien est valable ${hours(locale, ttlHours)}.` : `Chaque lien est valable ${hours(locale, ttlHours)}.`,
      ignore: `Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.`,
      help: `Une question ? Écrivez-nous à ${supportEmail}.`,
      signature: `L’équipe ${orgName}`,
      linksTitle: single ? 'Votre lien' : 'Vos liens',
      action: (l: PasswordLink) => (l.purpose === 'activation' ? 'Créer mon mot de passe' : 'Choisir un nouveau mot de passe'),
      rawUrl: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
      colon: ' :',
    };
  }
  return {
    subject: allActivation ? `Activate your ${orgName} account` : `Reset your ${orgName} password`,
    greeting: `Hello${greetingName},`,
    intro: !single
      ? `This email address belongs to several ${orgName} accounts. Each account has its own link, at the very bottom of this email: for a first connection it lets you create your password; otherwise, choose a new one.`
      : allActivation
        ? `Your ${orgName} account is ready. For your first connection, create your password with the link at the very bottom of this email.`
        : `You asked to reset your ${orgName} password. Choose a new password with the link at the very bottom of this email.`,
    identifiers: single ? `Your identifier: ${idList}` : `Your identifiers: ${idList}`,
    validity: single ? `This link is valid for ${hours(locale, ttlHours)}.` : `Each link is valid for ${hours(locale, ttlHours)}.`,
    ignore: `If you did not ask for this, ignore this email: your password is unchanged.`,
    help: `Any question? Write to us at ${supportEmail}.`,
    signature: `The ${orgName} team`,
    linksTitle: single ? 'Your link' : 'Your links',
    action: (l: PasswordLink) => (l.purpose === 'activation' ? 'Create my password' : 'Choose a new password'),
    rawUrl: 'If the button does not work, copy this address into your browser:',
    colon: ':',
  };
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2937;';
const P = 'margin:0 0 16px;';

function layout(locale: Locale, subject: string, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}" dir="ltr">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="color-scheme" content="light"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background-color:#f3f4f6;">',
    `<div role="article" aria-label="${escapeHtml(subject)}" lang="${locale}" style="max-width:600px;margin:0 auto;padding:24px 12px;">`,
    `<div style="background-color:#ffffff;border-radius:8px;padding:24px 20px;${FONT}">`,
    body,
    '</div></div></body></html>',
  ].join('\n');
}

const paragraph = (text: string, style = '') => `<p style="${P}${style}">${escapeHtml(text)}</p>`;

export function passwordLinkEmail(input: PasswordLinkEmailInput): RenderedEmail {
  if (input.links.length === 0) throw new Error('passwordLinkEmail needs at least one link');
  const links = input.links.map((l) => ({ ...l, url: assertWebUrl(l.url) }));
  const c = passwordLinkCopy(input);
  const single = links.length === 1;
  // Several buttons in one message must not share the same accessible name.
  const buttonLabel = (l: PasswordLink) => (single ? c.action(l) : `${c.action(l)} (${l.identifier})`);

  const htmlLinks = links.map((l) => {
    const url = escapeHtml(l.url);
    return [
      `<div style="border-top:1px solid #e5e7eb;padding-top:16px;margin-top:16px;">`,
      `<p style="${P}font-weight:bold;">${escapeHtml(describeAccount(input.locale, l))}</p>`,
      `<p style="${P}"><a href="${url}" style="display:inline-block;padding:12px 20px;background-color:#1f3a8a;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;">${escapeHtml(buttonLabel(l))}</a></p>`,
      `<p style="margin:0 0 4px;font-size:14px;color:#4b5563;">${escapeHtml(c.rawUrl)}</p>`,
      `<p style="${P}font-size:14px;word-break:break-all;"><a href="${url}" style="color:#1f3a8a;">${url}</a></p>`,
      '</div>',
    ].join('\n');
  });

  const html = layout(
    input.locale,
    c.subject,
    [
      `<h1 style="font-size:20px;margin:0 0 16px;">${escapeHtml(c.subject)}</h1>`,
      paragraph(c.greeting),
      paragraph(c.intro),
      paragraph(c.identifiers, 'font-weight:bold;'),
      paragraph(c.validity),
      paragraph(c.ignore),
      paragraph(c.help),
      paragraph(c.signature),
      `<h2 style="font-size:18px;margin:24px 0 0;">${escapeHtml(c.linksTitle)}</h2>`,
      ...htmlLinks,
    ].join('\n'),
  );

  const text = [
    c.greeting,
    c.intro,
    c.identifiers,
    c.validity,
    c.ignore,
    c.help,
    c.signature,
    ...links.map((l) => `----------\n${describeAccount(input.locale, l)}\n${c.action(l)}${c.colon}\n${l.url}`),
  ].join('\n\n');

  return { subject: c.subject, html, text: `${text}\n` };
}

export function passwordChangedEmail(input: PasswordChangedEmailInput): RenderedEmail {
  const { locale, orgName, identifier, name, supportEmail } = input;
  const resetUrl = `${input.appUrl.replace(/\/+$/, '')}/mot-de-passe-oublie`;
  const when = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(input.at);
  const greetingName = name ? ` ${name}` : '';

  const c =
    locale === 'fr'
      ? {
          subject: 'Votre mot de passe a été modifié',
          greeting: `Bonjour${greetingName},`,
          what: `Le mot de passe de votre compte ${orgName} (identifiant ${identifier}) a été modifié le ${when} (heure de Paris).`,
          fine: 'Si c’est bien vous, vous n’avez rien à faire.',
          notYou: `Si ce n’est pas vous, réinitialisez tout de suite votre mot de passe sur ${resetUrl} et prévenez-nous à ${supportEmail}.`,
          signature: `L’équipe ${orgName}`,
        }
      : {
          subject: 'Your password has been changed',
          greeting: `Hello${greetingName},`,
          what: `The password of your ${orgName} account (identifier ${identifier}) was changed on ${when} (Paris time).`,
          fine: 'If this was you, there is nothing to do.',
          notYou: `If it was not you, reset your password right away at ${resetUrl} and tell us at ${supportEmail}.`,
          signature: `The ${orgName} team`,
        };

  // The reset address becomes a link inside its sentence; everything around it is escaped text.
  const [beforeUrl, afterUrl] = c.notYou.split(resetUrl);
  const notYouHtml = `<p style="${P}">${escapeHtml(beforeUrl)}<a href="${escapeHtml(resetUrl)}" style="color:#1f3a8a;">${escapeHtml(resetUrl)}</a>${escapeHtml(afterUrl)}</p>`;

  const html = layout(
    locale,
    c.subject,
    [
      `<h1 style="font-size:20px;margin:0 0 16px;">${escapeHtml(c.subject)}</h1>`,
      paragraph(c.greeting),
      paragraph(c.what),
      paragraph(c.fine),
      notYouHtml,
      paragraph(c.signature),
    ].join('\n'),
  );
  const text = [c.greeting, c.what, c.fine, c.notYou, c.signature].join('\n\n');
  return { subject: c.subject, html, text: `${text}\n` };
}

export type AccountRequestSummary = {
  name: string;
  organisation: string | null;
  identifier: string | null;
  email: string;
  phone: string | null;
  message: string;
};

/** To the person who asked for an account: we have your request, customer service will answer. */
export function accountRequestReceivedEmail(input: { locale: Locale; orgName: string; supportEmail: string; request: AccountRequestSummary }): RenderedEmail {
  const { locale, orgName, supportEmail, request } = input;
  const c =
    locale === 'fr'
      ? {
          subject: `Votre demande d’ouverture de compte ${orgName}`,
          greeting: `Bonjour ${request.name},`,
          body: 'Nous avons bien reçu votre demande d’ouverture de compte. Notre service client reviendra vers vous dans les plus brefs délais.',
          yourMessage: 'Votre message :',
          help: `Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail ou écrivez-nous à ${supportEmail}.`,
          signature: `L’équipe ${orgName}`,
        }
      : {
          subject: `Your ${orgName} account request`,
          greeting: `Hello ${request.name},`,
          body: 'We have received your account request. Our customer service will get back to you as soon as possible.',
          yourMessage: 'Your message:',
          help: `If you did not make this request, ignore this email or write to us at ${supportEmail}.`,
          signature: `The ${orgName} team`,
        };
  const html = layout(
    locale,
    c.subject,
    [
      `<h1 style="font-size:20px;margin:0 0 16px;">${escapeHtml(c.subject)}</h1>`,
      paragraph(c.greeting),
      paragraph(c.body),
      paragraph(c.yourMessage, 'font-weight:bold;margin-bottom:4px;'),
      `<p style="${P}white-space:pre-wrap;border-left:3px solid #e5e7eb;padding-left:12px;">${escapeHtml(request.message)}</p>`,
      paragraph(c.help),
      paragraph(c.signature),
    ].join('\n'),
  );
  const text = [c.greeting, c.body, `${c.yourMessage}\n${request.message}`, c.help, c.signature].join('\n\n');
  return { subject: c.subject, html, text: `${text}\n` };
}

/** To customer service: a new request to answer, with a link to the queue. */
export function accountRequestNotificationEmail(input: { orgName: string; adminUrl: string; request: AccountRequestSummary }): RenderedEmail {
  const { request } = input;
  const subject = `Nouvelle demande d’ouverture de compte : ${request.name}`.replace(/[\r\n]+/g, ' ');
  const rows: [string, string | null][] = [
    ['Nom', request.name],
    ['Club ou société', request.organisation],
    ['Identifiant indiqué', request.identifier],
    ['E-mail', request.email],
    ['Téléphone', request.phone],
  ];
  const filled = rows.filter((r): r is [string, string] => Boolean(r[1]));
  const adminUrl = assertWebUrl(input.adminUrl);
  const html = layout(
    'fr',
    subject,
    [
      `<h1 style="font-size:20px;margin:0 0 16px;">${escapeHtml(subject)}</h1>`,
      ...filled.map(([label, value]) => `<p style="margin:0 0 4px;"><strong>${escapeHtml(label)} :</strong> ${escapeHtml(value)}</p>`),
      `<p style="${P}white-space:pre-wrap;border-left:3px solid #e5e7eb;padding-left:12px;margin-top:16px;">${escapeHtml(request.message)}</p>`,
      `<p style="${P}"><a href="${escapeHtml(adminUrl)}" style="color:#1f3a8a;">Traiter la demande dans l’administration</a></p>`,
    ].join('\n'),
  );
  const text = [...filled.map(([label, value]) => `${label} : ${value}`), '', request.message, '', `Traiter la demande : ${adminUrl}`].join('\n');
  return { subject, html, text: `${text}\n` };
}
