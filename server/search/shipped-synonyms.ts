import "server-only";
import type { Locale } from "../db/schema";

/**
 * The synonyms Mayak ships for a help center about running customers' sites, each group under a stable key:
 * staff can change or switch off a shipped group in the KB admin (kb_synonyms keeps their version under the
 * same key) and add their own. A term may be a phrase ("не работает"); terms are compared by their stems,
 * so one form of a word covers the others. Latin spellings of Russian words ("vzlom", "parol") and English
 * words typed into the Russian help center ("backup") are here too: customers mix both.
 */
export interface ShippedSynonymGroup {
  key: string;
  locale: Locale;
  terms: string[];
}

const en = (key: string, terms: string): ShippedSynonymGroup => ({ key: `en.${key}`, locale: "en", terms: terms.split(", ") });
const ru = (key: string, terms: string): ShippedSynonymGroup => ({ key: `ru.${key}`, locale: "ru", terms: terms.split(", ") });

export const SHIPPED_SYNONYMS: ShippedSynonymGroup[] = [
  en("slow", "slow, slowness, sluggish, laggy, lag, performance, speed, takes forever, load time, loading"),
  en("site", "site, website, web site, shop, online store"),
  en(
    "down",
    "down, outage, incident, offline, not working, crashed, unreachable, unavailable, broken for everyone, not loading, 500 error",
  ),
  en("just-me", "just me, only me, just you, only i"),
  en("hacked", "hacked, hack, hackd, breach, compromised, malware, virus, infected, defaced, spam redirect, vzlom, взлом"),
  en("backup", "backup, back up, backed up, bakup, copy, snapshot, бэкап, бекап"),
  en("restore", "restore, recover, roll back, rollback, bring back, undelete, restored site"),
  en("retention", "retention, keep backups, how long, how far back"),
  en("2fa", "2fa, two factor, two-factor, two step, two-step verification, mfa, authenticator, one time code, totp, 2фа"),
  en("password", "password, pasword, passwd, parol, пароль"),
  en("required", "required, mandatory, must, have to, obligatory, compulsory"),
  en("rules", "requirements, rules, minimum, policy"),
  en("change", "change, modify, switch"),
  en("enable", "enable, turn on, activate, set up, setup"),
  en("sign-in", "sign in, log in, login, signin, registration, register, sign up, create account"),
  en("phishing", "phishing, scam, fake email, fraud"),
  en("escalate", "escalate, escalation, manager, team lead, complain, complaint, unhappy"),
  en("missed", "missed, nobody answered, no answer, late response, compensation, refund"),
  en("hours", "business hours, working hours, opening hours, 24/7, around the clock"),
  en("weekend", "weekend, saturday, sunday, holidays"),
  en("maintenance", "maintenance, planned work, planned works, scheduled work"),
  en("update", "update, upgrade, plugin update, cms update"),
  en("big-change", "big import, large import, new plugin, change window, book a time"),
  en("notifications", "notifications, alerts, subscribe, email updates, mail"),
  en("ticket", "ticket, request, support request, case, my tickets"),
  en("reply", "reply, respond, answer you"),
  en("uptime", "uptime, availability, guaranteed uptime"),
  en("restore-time", "restore takes, restore duration, when will it be ready, back online"),
  ru(
    "slow",
    "медленно, тормозит, тормоза, тупит, долго грузится, долго загружается, грузится, загрузка, скорость, производительность, slow, медлено",
  ),
  ru("down", "не работает, недоступен, упал, лежит, сбой, инцидент, авария, не открывается, ошибка 500, down"),
  ru("hacked", "взлом, взломали, взлам, хакеры, вирус, заражение, заражён, вредоносный код, спам, чужой администратор, hacked, vzlom"),
  ru(
    "backup",
    "бэкап, бекап, бэкапы, резервная копия, резервные копии, резервное копирование, резервирование, резервируем, бэкапите, backup, bekap, копия",
  ),
  ru("restore", "восстановление, восстановить, восстанавливать, откат, откатить, вернуть, restore"),
  ru("retention", "срок хранения, сколько хранятся, как далеко назад, точка восстановления"),
  ru("2fa", "2fa, 2фа, двухфакторная аутентификация, двухфакторка, двухэтапная проверка, одноразовый код, аутентификатор, коды, mfa"),
  ru("password", "пароль, parol, логин"),
  ru("required", "обязательно, обязательный, обязан, обязаны, принудительно, непременно"),
  ru("rules", "требования, правила, минимум, минимальная длина"),
  ru("change", "сменить, поменять, изменить, смена"),
  ru("enable", "включить, настроить, подключить, активировать"),
  ru("sign-in", "вход, войти, логин, регистрация, зарегистрироваться, аккаунт, личный кабинет, учётная запись"),
  ru("phishing", "фишинг, мошенники, мошенничество, поддельное письмо"),
  ru("escalate", "эскалация, эскалировать, руководитель, жалоба, пожаловаться, недоволен"),
  ru("missed", "не ответили, никто не ответил, нарушили сроки, опоздание, компенсация, вернуть деньги"),
  ru("hours", "рабочее время, часы работы, график работы, круглосуточно, ночью"),
  ru("weekend", "выходные, суббота, воскресенье, праздники"),
  ru("maintenance", "техработы, технические работы, плановые работы, обслуживание, окно обслуживания"),
  ru("update", "обновление, обновить, вордпресс, wordpress, cms, плагин"),
  ru("big-change", "большой импорт, новый плагин, поставить плагин, заказать работы"),
  ru("notifications", "оповещения, уведомления, подписка, подписаться, рассылка, письма"),
  ru("ticket", "обращение, заявка, тикет"),
  ru("reply", "ответить, отвечать, написать ответ, переписка, мои обращения, где мои обращения"),
  ru("uptime", "доступность, аптайм, uptime"),
  ru("restore-time", "сколько длится, как долго, сколько занимает"),
  ru("status", "страница статуса, статус, текущий статус"),
];
