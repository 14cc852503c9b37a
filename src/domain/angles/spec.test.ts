// SPEC.md's L rules and this folder's tests stay in step (specRules.testkit.ts).
import { specRulesSuite } from "../specRules.testkit.ts";

specRulesSuite(import.meta.dirname, "L");
