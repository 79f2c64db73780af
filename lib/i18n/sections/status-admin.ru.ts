import type { statusAdminEn } from "./status-admin.en";

/** Russian strings of the staff status pages' editing and confirmations: the same keys as status-admin.en.ts. */
export const statusAdminRu: Record<keyof typeof statusAdminEn, string> = {
  "statusAdmin.edit": "Изменить",
  "statusAdmin.editOf": "Изменить: {name}",
  "statusAdmin.save": "Сохранить изменения",
  "statusAdmin.editComponent": "Изменение компонента «{name}»",
  "statusAdmin.editGroup": "Переименование группы «{name}»",
  "statusAdmin.editMaintenance": "Изменение работ «{title}»",
  "statusAdmin.deleteComponent.title": "Удалить компонент «{name}»?",
  "statusAdmin.deleteComponent.body":
    "Он исчезнет со страницы статуса, из прошлых инцидентов и работ. Компонент, за которым следит монитор или который затронут открытым инцидентом или плановыми работами, удалить нельзя.",
  "statusAdmin.deleteGroup.title": "Удалить группу «{name}»?",
  "statusAdmin.deleteGroup.body": "Её компоненты останутся и перейдут в «Без группы».",
  "statusAdmin.cancelMaint.title": "Отменить работы «{title}»?",
  "statusAdmin.cancelMaint.body": "Они исчезнут со страницы статуса, а подписчики получат сообщение об отмене. Вернуть их будет нельзя.",
  "statusAdmin.endMaint": "Завершить сейчас",
  "statusAdmin.endMaint.title": "Завершить работы «{title}» сейчас?",
  "statusAdmin.endMaint.body": "Окно закроется сразу, а компоненты вернутся к своему собственному состоянию.",
  "statusAdmin.keep": "Оставить",
  "statusAdmin.deleteMonitor.title": "Удалить монитор «{name}»?",
  "statusAdmin.deleteMonitor.body":
    "Вместе с ним будут удалены его проверки и история доступности, а его оповещения закроются. Вернуть их будет нельзя.",
  "statusAdmin.regenerate.title": "Создать новый URL для контрольного сигнала?",
  "statusAdmin.regenerate.body": "Текущий URL сразу перестанет работать: укажите новый в вашей cron-задаче.",
  "statusAdmin.regenerate.confirm": "Создать",
  "statusAdmin.pm.text": "Текст",
  "statusAdmin.preview": "Предпросмотр",
  "statusAdmin.preview.hint": "Так читатели увидят разбор на публичной странице инцидента после публикации.",
};
