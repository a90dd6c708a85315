/** Entry point of an analysis worker thread (compiled to dist/batch/workers/worker.js). */
import { analyseBytes } from '../analyser.js';
import { serve } from './serve.js';

serve(analyseBytes);
