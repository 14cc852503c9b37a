// SPEC.md's EI rules and this folder's tests stay in step (specRules.testkit.ts).
import { specRulesSuite } from "../specRules.testkit.ts";

specRulesSuite(import.meta.dirname, "EI");
