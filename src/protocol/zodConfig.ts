// Browsers run under a content security policy without 'unsafe-eval': zod's compiled fast
// path probes `new Function` when a schema is built and would report a CSP violation on
// every page. Imported first by every module that builds schemas.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
