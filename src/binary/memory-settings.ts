// Imported first by main.ts, for its effect: the binary's memory settings (memory.ts) take hold before
// any other module of the app runs.
import { applyMemorySettings } from './memory.js';

applyMemorySettings();
