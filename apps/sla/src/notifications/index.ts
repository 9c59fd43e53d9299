export type { EmailNotification, Notification, NotificationChannel, WebhookNotification } from './notification';
export { deliveryIdOf } from './notification';
export { loadNotificationSettings, type NotificationSettings } from './notification-settings';
export {
  NotificationQueue,
  NOTIFICATION_QUEUE_NAME,
  type EnqueueResult,
  type NotificationLogger,
  type NotificationQueueOptions,
} from './notification-queue';
export { DELIVERIES_COLLECTION, type DeliveryRecord, type DeliveryStatus } from './delivery-log';
export { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature';
