import type { accountPageEn } from "./account-page.en";

/** Russian strings of the account page, its sessions and the admin users page's confirmations. */
export const accountPageRu: Record<keyof typeof accountPageEn, string> = {
  "account.profile.title": "Имя и адрес электронной почты",
  "account.name": "Имя",
  "account.name.save": "Сохранить имя",
  "account.name.saved": "Имя сохранено.",
  "account.email.current": "Ваш адрес: {email}.",
  "account.email.new": "Новый адрес электронной почты",
  "account.email.hint": "Мы отправим ссылку на новый адрес; адрес сменится, когда её откроют, в течение 24 часов.",
  "account.email.password": "Пароль (чтобы подтвердить, что это вы)",
  "account.email.passwordHint": "Нужен, чтобы одного открытого браузера не хватило для переноса аккаунта на другой адрес.",
  "account.email.submit": "Отправить ссылку для подтверждения",
  "account.email.sent":
    "Если на {email} можно доставить письмо, ссылка для подтверждения уже отправлена. Адрес сменится, когда вы её откроете.",
  "account.email.pending": "Ждёт подтверждения: {email} (ссылка действует до {date}).",
  "account.email.err.passwordEmpty": "Введите пароль, чтобы сменить адрес",
  "account.email.err.password": "Пароль неверен, поэтому адрес не изменён",
  "account.email.err.same": "Это уже ваш адрес",
  "account.email.err.link": "Ссылка для подтверждения неверна, устарела или уже использована. Запросите новую на странице аккаунта.",
  "account.email.err.taken": "Этот адрес теперь занят другим аккаунтом, поэтому ваш адрес не изменён",
  "account.email.confirmMail.subject": "Подтвердите новый адрес электронной почты для «Маяка»",
  "account.email.confirmMail.body":
    "Здравствуйте, {name}!\n\nЧтобы использовать этот адрес для вашей аккаунта в «Маяке», откройте ссылку в течение 24 часов (она действует один раз):\n{link}\n\nЕсли вы этого не просили, просто не обращайте внимания на письмо: ничего не изменится.\n\n— «Маяк»",
  "account.email.takenMail.subject": "Кто-то пытался перенести аккаунт «Маяка» на ваш адрес",
  "account.email.takenMail.body":
    "Здравствуйте!\n\nКто-то, возможно вы, попросил использовать этот адрес для другой аккаунта в «Маяке». У этого адреса уже есть аккаунт, поэтому ничего не изменено.\n\nЕсли это были не вы, просто не обращайте внимания на письмо.\n\n— «Маяк»",
  "account.email.changedMail.subject": "Адрес вашей аккаунта в «Маяке» изменён",
  "account.email.changedMail.body":
    "Здравствуйте, {name}!\n\nТеперь адрес вашей аккаунта в «Маяке» — {email}: письма и вход используют его.\n\nЕсли это сделали не вы, сразу свяжитесь со службой поддержки.\n\n— «Маяк»",
  "account.confirmEmail.title": "Подтвердите новый адрес",
  "account.confirmEmail.lead": "Нажмите кнопку, чтобы использовать этот адрес для вашего аккаунта.",
  "account.confirmEmail.button": "Использовать этот адрес",
  "account.confirmEmail.done": "Теперь ваш адрес — {email}.",
  "account.confirmEmail.missing": "Для этой страницы нужна ссылка из письма с подтверждением.",
  "account.confirmEmail.back": "К аккаунту",

  "account.language.title": "Язык",
  "account.language.lead": "На этом языке показываются страницы и приходят письма «Маяка».",
  "account.language.label": "Язык аккаунта",
  "account.language.save": "Сохранить язык",

  "account.notify.title": "Уведомления",
  "account.notify.onDuty": "Дежурство: получать оповещения мониторов",
  "account.notify.onDutyHint":
    "Когда монитор падает, дежурные получают оповещение здесь и по почте; оповещение, которое никто не подтвердил за десять минут, уходит руководителям. Пока никто не дежурит, оповещения получают руководители и администраторы.",
  "account.notify.customer":
    "Мы пишем вам, когда служба поддержки отвечает на ваше обращение. Новости страницы статуса приходят, только если вы подписались на странице статуса.",

  "sessions.title": "Где выполнен вход",
  "sessions.lead":
    "Все браузеры, в которых выполнен вход в ваш аккаунт. Сеанс завершается после {idle} без действий и не позже чем через {max} после входа.",
  "sessions.current": "Это устройство",
  "sessions.unknownDevice": "Неизвестный браузер",
  "sessions.detail": "Вход {created} с адреса {ip} · активность {seen}",
  "sessions.revoke": "Выйти",
  "sessions.revokeLabel": "Выйти на устройстве {device}, активность {date}",
  "sessions.everywhere": "Выйти везде",
  "sessions.everywhereTitle": "Выйти на всех устройствах?",
  "sessions.everywhereBody":
    "Все браузеры, в которых выполнен вход, включая этот, выйдут при следующем действии. Чтобы войти снова, понадобится пароль.",
  "sessions.days": "{n} дн.",
  "sessions.hours": "{n} ч",
  "sessions.minutes": "{n} мин",
  "sessions.err.notFound": "Этот сеанс уже завершён",

  "admin.users.confirmRole.title": "Сменить роль пользователя {name} ({email}): {from} → {to}?",
  "admin.users.confirmRole.body": "{name} выйдет на всех устройствах и войдёт снова с ролью «{to}».",
  "admin.users.confirmRole.admin": "Администратор управляет всеми пользователями, ролями и настройками и читает журнал аудита.",
  "admin.users.confirmRole.confirm": "{name}: назначить роль «{to}»",
  "admin.users.confirmDisable.title": "Отключить пользователя {name} ({email})?",
  "admin.users.confirmDisable.body": "{name} сразу выйдет на всех устройствах и не сможет войти, пока аккаунт не включат снова.",
  "admin.users.confirmEnable.title": "Снова включить пользователя {name} ({email})?",
  "admin.users.confirmEnable.body": "{name} снова сможет входить со своим паролем.",
  "admin.users.disableLabel": "Отключить: {name}",
  "admin.users.enableLabel": "Включить: {name}",
};
