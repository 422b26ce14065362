/**
 * The one way a spec sets up stacks for the real Pulumi CLI: {@link useE2eStacks} creates project
 * directories against an emulator (from `useEmulator`, ./emulator.ts) and deletes them after the enclosing
 * `describe`.
 */
import type { ConfigMap } from "@pulumi/pulumi/automation";
import type { RunningEmulator, SeedInventory } from "../../emulator";
import { createE2eStack, type E2eStack } from "../e2e/support";

/** Options of a new stack. */
export interface StackOptions {
    /** Stack configuration besides the region and the emulator's access key. */
    config?: ConfigMap;
    /** The program to run (`index.ts` of the project); default `tests/e2e/program/index.ts`, which declares the leases set with `setLeases`. */
    program?: string;
}

/** Stacks of one `describe`. */
export interface E2eStacks {
    /** A new stack against the emulator as it is. */
    create(name: string, options?: StackOptions): Promise<E2eStack>;
    /**
     * Resets the emulator to `seed` (which also clears its ledger, faults and tokens, and fixes its clock
     * when `seed.now` is given), then creates a new stack.
     */
    fresh(name: string, seed: SeedInventory, options?: StackOptions): Promise<E2eStack>;
}

/**
 * Creates stacks for the tests of the enclosing `describe` against `emu` and deletes their project
 * directories and backends after them (mocha `after`).
 * @param emu - The handle `useEmulator` returned.
 */
export function useE2eStacks(emu: RunningEmulator): E2eStacks {
    const stacks: E2eStack[] = [];
    after(() => {
        stacks.splice(0).forEach((s) => s.dispose());
    });
    const create = async (name: string, options: StackOptions = {}): Promise<E2eStack> => {
        const stack = await createE2eStack(name, emu, options.config ?? {}, options.program);
        stacks.push(stack);
        return stack;
    };
    return {
        create,
        async fresh(name, seed, options) {
            await emu.control.reset(seed);
            return create(name, options);
        },
    };
}
