package dev.ponder.engine.stage;

import dev.ponder.core.model.Generation;
import dev.ponder.core.model.PolicyModel;
import dev.ponder.core.model.PromptDemand;
import dev.ponder.core.model.RewardModel;
import dev.ponder.core.model.SamplingParams;
import dev.ponder.engine.client.EndpointException;
import dev.ponder.sim.SimConfig;
import dev.ponder.sim.SimPolicy;
import dev.ponder.sim.SimPrm;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The simulated policy and PRM behind a counter of every call actually made (the usage item counts only committed
 * chunks), with switches for a broken or slow policy.
 */
final class CountingModels implements Models {

    final AtomicInteger policyCalls = new AtomicInteger();
    final AtomicInteger prmCalls = new AtomicInteger();
    volatile Predicate<String> brokenFor = problem -> false;
    volatile Predicate<String> refusedFor = problem -> false;
    volatile long policyDelayMs;

    private final SimPolicy policy = new SimPolicy(SimConfig.defaults());
    private final SimPrm prm = new SimPrm(SimConfig.defaults());

    @Override
    public PolicyModel policy(String profile) {
        return new PolicyModel() {
            @Override
            public Generation generate(List<PromptDemand> prompts, SamplingParams params) {
                policyCalls.incrementAndGet();
                if (brokenFor.test(prompts.get(0).prompt().problem())) {
                    throw new IllegalStateException("policy endpoint down (HTTP 503)");
                }
                if (refusedFor.test(prompts.get(0).prompt().problem())) {
                    throw new EndpointException(EndpointException.Kind.CLIENT_ERROR, "sim", 400, null,
                            "sim answered HTTP 400: the problem is not one it can read", null);
                }
                sleep(policyDelayMs);
                return policy.generate(prompts, params);
            }
        };
    }

    @Override
    public RewardModel prm(String profile) {
        return items -> {
            prmCalls.incrementAndGet();
            return prm.score(items);
        };
    }

    private static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
