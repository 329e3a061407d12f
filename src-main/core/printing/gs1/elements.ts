// Moved to src-preload/scanning: one scanning vocabulary for core, the command sheet and the renderer.
export * from '../../../../src-preload/scanning/gs1/elements';
