import type { deskFlowEn } from "./desk-flow.en";

/** Russian strings of teams, routing, availability and notifications: the same keys as desk-flow.en.ts. */
export const deskFlowRu: Record<keyof typeof deskFlowEn, string> = {
  "notify.kind.assigned": "Мне назначено обращение",
  "notify.kind.customer_replied": "Клиент ответил в моём обращении",
  "notify.kind.mentioned": "Меня упомянули в заметке (@имя)",
  "notify.kind.ticket_merged": "Моё обращение объединено",
  "notify.kind.sla_warning": "Срок SLA моего обращения на исходе",
  "notify.kind.sla_breach": "Срок SLA моего обращения нарушен",
  "notify.kind.bad_rating": "Клиент поставил низкую оценку",
  "notify.text.assigned": "{actor} назначает вам №{id} {subject}",
  "notify.text.customer_replied": "{actor} отвечает в №{id} {subject}",
  "notify.text.mentioned": "{actor} упоминает вас в заметке к №{id} {subject}",
  "notify.text.ticket_merged": "{actor} объединяет №{id} {subject}",
  "notify.text.sla_warning": "№{id} {subject}: срок «{target}» истекает {due}",
  "notify.text.sla_breach": "№{id} {subject}: срок «{target}» нарушен",
  "notify.text.bad_rating": "№{id} {subject}: оценка {rating}",
  "notify.email.assigned.subject": "[№{id}] Вам назначено: {subject}",
  "notify.email.assigned.body": "{actor} назначает вам обращение №{id} «{subject}».\n\nОткрыть: {link}\n\n— «Маяк»",
  "notify.email.customer_replied.subject": "[№{id}] Новый ответ: {subject}",
  "notify.email.customer_replied.body": "{actor} отвечает в обращении №{id} «{subject}».\n\nОткрыть: {link}\n\n— «Маяк»",
  "notify.email.mentioned.subject": "[№{id}] {actor} упоминает вас",
  "notify.email.mentioned.body":
    "{actor} упоминает вас во внутренней заметке к обращению №{id} «{subject}».\n\nОткрыть: {link}\n\n— «Маяк»",
  "notify.email.ticket_merged.subject": "[№{id}] Обращение объединено: {subject}",
  "notify.email.ticket_merged.body": "{actor} объединяет обращение №{id} «{subject}».\n\nОткрыть: {link}\n\n— «Маяк»",
  "notify.email.sla_warning.subject": "[№{id}] Срок SLA на исходе: {subject}",
  "notify.email.sla_warning.body": "Срок «{target}» обращения №{id} «{subject}» истекает {due}.\n\nОткрыть: {link}\n\n— «Маяк»",
  "notify.email.sla_breach.subject": "[№{id}] Срок SLA нарушен: {subject}",
  "notify.email.sla_breach.body": "Срок «{target}» обращения №{id} «{subject}» нарушен.\n\nОткрыть: {link}\n\n— «Маяк»",
  "notify.email.bad_rating.subject": "[№{id}] Оценка {rating}: {subject}",
  "notify.email.bad_rating.body":
    "Клиент оценил ответ в обращении №{id} «{subject}» на {rating}.\n{comment}\n\nОткрыть: {link}\n\n— «Маяк»",
};
