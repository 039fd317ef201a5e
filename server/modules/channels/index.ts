/** Channels: the hotline's inbound lines (the SMS webhook and its keyword router, reporter threads). */
export * from './sms/index.ts';
export * from './channels.jobs.ts';
export * from './voice/index.ts';
