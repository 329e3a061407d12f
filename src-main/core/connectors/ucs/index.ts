// The UCS connector's public face: the client, its shapes and the phone-key helper.
export * from './client';
export * from './phone';
export * from './schemas';
