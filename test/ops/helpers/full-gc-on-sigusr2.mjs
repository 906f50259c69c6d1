// Preloaded (`node --expose-gc --import`) into a collector under a memory test: SIGUSR2 makes it run a full garbage
// collection, so the test can measure after one instead of waiting for V8 to choose the moment.
process.on('SIGUSR2', () => globalThis.gc?.());
