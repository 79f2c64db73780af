import type { firstHourEn } from "./first-hour.en";

/** Russian strings of newcomer polish: titles, forms, locale notices: the same keys as first-hour.en.ts. */
export const firstHourRu: Record<keyof typeof firstHourEn, string> = {
  "firstHour.otherLanguage.crumb": "Статья на другом языке",
  "firstHour.otherLanguage.title.en": "Эта статья есть только на английском",
  "firstHour.otherLanguage.title.ru": "Эта статья есть только на русском",
  "firstHour.otherLanguage.lead.en":
    "Мы ещё не перевели её на русский. Откройте английский оригинал или выберите статью на русском на ту же тему.",
  "firstHour.otherLanguage.lead.ru":
    "Мы ещё не перевели её на английский. Откройте оригинал на русском или выберите статью на английском на ту же тему.",
  "firstHour.otherLanguage.sameTopic": "На русском в разделе «{category}»",
  "firstHour.ticket.guestNote":
    "Вы не вошли в аккаунт. Опишите проблему сейчас, а перед отправкой мы попросим войти или создать аккаунт (это бесплатно и займёт около минуты). Ответы придут вам на почту, а обращение увидите только вы и наша поддержка.",
  "firstHour.ticket.signInTitle": "Войдите, чтобы отправить обращение",
  "firstHour.ticket.why":
    "Нам нужно знать, кто вы: чтобы ответить на почту, держать всю переписку в одном месте и чтобы никто другой не смог её прочитать.",
  "firstHour.ticket.kept": "Всё, что вы написали, сохранено в этом браузере: после входа вы вернётесь к форме, и текст будет на месте.",
  "firstHour.ticket.choose": "Вход или новый аккаунт",
  "firstHour.ticket.haveAccount": "У меня есть аккаунт",
  "firstHour.ticket.newHere": "Я здесь впервые",
  "firstHour.ticket.restored": "Мы сохранили то, что вы написали раньше. Проверьте текст и отправьте обращение.",
  "firstHour.signUp.comeBack":
    "Откройте ссылку из письма и подтвердите адрес: после входа вы вернётесь к обращению, и ваш текст будет на месте.",
  "firstHour.signUp.signInToTicket": "Войти и отправить обращение",
  "firstHour.signIn.whyTickets": "Обращения привязаны к вашему аккаунту: войдите, чтобы увидеть их и написать нам.",
  "firstHour.signIn.whyAccount": "Эта страница — часть вашего аккаунта: войдите, чтобы её открыть.",
  "firstHour.nav.menu": "Меню",
  "firstHour.nav.adminMenu": "Управление",
  "firstHour.nav.adminHome": "Все разделы администрирования",
  "firstHour.nav.group.desk": "Работа с обращениями",
  "firstHour.nav.group.people": "Пользователи и доступ",
  "firstHour.nav.group.status": "Страница статуса и мониторинг",
  "firstHour.nav.group.records": "Журналы и почта",
};
