// The Pulumi program (run.mjs loads it): plan the stack from its config and the stacks it depends
// on, then register what the plan says. Pulumi exports what it returns as the stack's outputs.
import { linkerdProgram } from "./components/program/run.ts";

export default async () => linkerdProgram();
