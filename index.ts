// The program: read and validate this stack's configuration, then compose the components.
// Everything the stack exports is returned by deployStack (see components/stack.ts).
import { loadSettings } from "./components/config";
import { deployStack } from "./components/stack";

// Pulumi awaits an exported function's result; the program reads other stacks before it creates anything.
export = async () => deployStack(loadSettings());
