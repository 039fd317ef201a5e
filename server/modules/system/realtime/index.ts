export { registerRealtimeRoutes } from './realtime.routes.ts';
export { roomsFor } from './realtime-rooms.ts';
export { maximumStreamsPerMember } from './realtime.service.ts';
