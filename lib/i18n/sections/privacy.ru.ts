import type { privacyEn } from "./privacy.en";

/** Russian strings of personal data, erasure, retention and the audit export: the same keys as privacy.en.ts. */
export const privacyRu: Record<keyof typeof privacyEn, string> = {
  "privacy.nav.account": "Аккаунт",
  "privacy.nav.retention": "Хранение данных",

  "privacy.account.title": "Ваш аккаунт",
  "privacy.account.signedInAs": "Вы вошли как {name} ({email}).",
  "privacy.data.title": "Ваши данные",
  "privacy.data.lead":
    "Скачайте всё, что мы о вас храним, одним файлом JSON: аккаунт, ваши обращения с открытой перепиской, оценки статей, подписки на статус и историю входов и действий с адресами, с которых они были.",
  "privacy.data.download": "Скачать мои данные (JSON)",
  "privacy.delete.title": "Удалить аккаунт",
  "privacy.delete.lead":
    "Имя, адрес почты и пароль удаляются сразу, и вы выходите из системы. Обращения остаются у службы поддержки без вашего имени, адреса и ссылок на страницы, и ответить на них больше нельзя. Отменить это невозможно.",
  "privacy.delete.password": "Ваш пароль",
  "privacy.delete.passwordHint": "Введите пароль ещё раз, чтобы подтвердить, что это вы.",
  "privacy.delete.button": "Удалить аккаунт",
  "privacy.delete.confirmTitle": "Удалить ваш аккаунт?",
  "privacy.delete.confirmBody": "Ваши персональные данные будут стёрты сейчас. Отменить это невозможно.",
  "privacy.delete.confirm": "Удалить навсегда",
  "privacy.delete.staff": "Аккаунты сотрудников удаляет администратор.",

  "privacy.admin.back": "Все пользователи",
  "privacy.admin.section": "Персональные данные",
  "privacy.admin.tickets": "Обращений: {count}",
  "privacy.admin.created": "Аккаунт создан: {date}",
  "privacy.admin.export": "Выгрузить данные (JSON)",
  "privacy.admin.exportHint": "Тот же файл, который клиент получает на странице своего аккаунта.",
  "privacy.admin.erase": "Стереть персональные данные",
  "privacy.admin.eraseTitle": "Стереть данные {name} ({email})? Отменить это невозможно.",
  "privacy.admin.eraseBody":
    "Имя, адрес почты и пароль удаляются, все сеансы завершаются. Открытые обращения закрываются; переписка остаётся у команды без имени, адреса и ссылок на страницы. Письма в исходящих и подписки на статус удаляются, персональные данные уходят из журнала аудита.",
  "privacy.admin.eraseConfirm": "Стереть",
  "privacy.admin.erased": "Персональные данные стёрты {date}.",
  "privacy.admin.notErasable": "Данные сотрудников не стираются: отключите аккаунт.",

  "privacy.retention.title": "Хранение данных",
  "privacy.retention.lead": "Правила, которые сервер применяет каждый час. Оба выключены, пока не указано число дней.",
  "privacy.retention.tickets": "Закрытые обращения",
  "privacy.retention.ticketDays": "Убирать закрытые обращения через (дней)",
  "privacy.retention.ticketDaysHint": "Считается от последнего изменения обращения. Оставьте пустым, чтобы хранить.",
  "privacy.retention.action": "Что с ними делать",
  "privacy.retention.delete": "Удалять вместе с сообщениями",
  "privacy.retention.anonymise": "Обезличивать: оставлять время, статус, приоритет и исполнителей для отчётов, убирать весь текст",
  "privacy.retention.audit": "Журнал аудита",
  "privacy.retention.auditDays": "Удалять события аудита через (дней)",
  "privacy.retention.auditDaysHint":
    "Не меньше 30. Оставьте пустым, чтобы хранить. Контрольная точка хранит хеш последнего удалённого события, поэтому остальная цепочка по-прежнему проверяется.",
  "privacy.retention.save": "Сохранить",
  "privacy.retention.saved": "Сохранено.",
  "privacy.retention.updated": "Последнее изменение: {name}, {date}.",
  "privacy.retention.never": "Ещё не менялось: всё хранится.",

  "privacy.audit.export": "Выгрузка для аудитора",
  "privacy.audit.exportHint":
    "События между датами выше (все, если даты не заданы), от старых к новым. В каждом файле есть голова цепочки, а в конце — SHA-256 всего, что перед ним.",
  "privacy.audit.csv": "Скачать CSV",
  "privacy.audit.json": "Скачать JSON",
  "privacy.audit.redacted": "Очищено: {fields}",

  "privacy.err.notCustomer": "Стереть можно только аккаунт клиента; аккаунт сотрудника отключите",
  "privacy.err.alreadyErased": "Данные этого аккаунта уже стёрты",
  "privacy.err.password": "Неверный пароль",
  "privacy.err.passwordEmpty": "Введите пароль",
  "privacy.err.ticketDays": "Укажите от 1 до 36 500 дней или оставьте пустым",
  "privacy.err.auditDays": "Укажите от 30 до 36 500 дней или оставьте пустым",
};
