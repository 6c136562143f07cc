using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim.lr_scheduler.impl.OneCycleLR;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// The learning rate at each step of the one-cycle schedule the NAS-BERT family and QuestionAnswer build in their internal
/// trainer's constructor (decompiled 0.23.1): <c>OneCycleLR(max_lr: LearningRate[0], total_steps: (rows / BatchSize + 1) ·
/// MaxEpoch, pct_start: WarmupRatio, linear annealing, div_factor: 1 / StartLearningRateRatio, final_div_factor:
/// StartLearningRateRatio / FinalLearningRateRatio)</c>, run here by TorchSharp on a one-parameter Adam.
/// </summary>
internal static class OneCycleSchedule
{
    public static double[] Rates(
        double maxLearningRate, long rows, int batchSize, int maxEpoch, double warmupRatio, double startRatio, double finalRatio, int steps)
    {
        using var scope = NewDisposeScope();
        var parameter = new Parameter(zeros(1));
        using var optimizer = optim.Adam([parameter], maxLearningRate);
        var schedule = optim.lr_scheduler.OneCycleLR(
            optimizer,
            max_lr: maxLearningRate,
            total_steps: (int)((rows / batchSize) + 1) * maxEpoch,
            pct_start: warmupRatio,
            anneal_strategy: AnnealStrategy.Linear,
            div_factor: 1.0 / startRatio,
            final_div_factor: startRatio / finalRatio);
        var rates = new double[steps];
        for (int step = 0; step < steps; step++)
        {
            rates[step] = optimizer.ParamGroups.First().LearningRate;
            schedule.step();
        }

        return rates;
    }
}
