// The UCS connector's public face: the client, its shapes, the phone keys and index, and the sync module.
export * from './client';
export * from './phone';
export * from './schemas';
export * from './mappers';
export { findByNumber, lookupKeys, PHONE_LOOKUP_SQL, writePhones, type PhoneMatch } from './phoneIndex';
export { UcsRepo, type PhoneOwner } from './repo';
export * from './pull';
export * from './push';
export { ucsSync } from './sync';
