using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Trainers;
using Microsoft.ML.LrFinder.Trainers.NasBert;
using Microsoft.ML.LrFinder.Trainers.ObjectDetection;
using Microsoft.ML.LrFinder.Trainers.QuestionAnswer;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>The version guard: every member a hook needs is checked before training, and a missing one is named.</summary>
public class MemberResolverTests
{
    [Test]
    public void A_missing_member_fails_with_the_trainer_the_member_and_the_supported_version()
    {
        var resolver = new MemberResolver();
        resolver.Field(typeof(Sample), "present", typeof(int));
        resolver.Field(typeof(Sample), "Moved", typeof(int));
        resolver.Method(typeof(Sample), "Train", typeof(string));

        var error = Assert.Throws<NotSupportedException>(() => resolver.ThrowIfMissing("TextClassification"));

        Assert.That(error!.Message, Does.Contain("TextClassification")
            .And.Contain("Sample.Moved (Int32)")
            .And.Contain("Sample.Train(String)")
            .And.Contain("Microsoft.ML.TorchSharp 0.23.1"));
    }

    [Test]
    public void A_field_of_another_type_counts_as_missing()
    {
        var resolver = new MemberResolver();
        resolver.Field(typeof(Sample), "present", typeof(string));

        Assert.That(resolver.Missing, Is.EqualTo(new[] { "Sample.present (String)" }));
    }

    [Test]
    public void The_hooks_of_every_supported_trainer_resolve_on_the_referenced_version()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TorchSharpInternals.LoadedVersion, Does.StartWith(TorchSharpInternals.SupportedVersion));
            Assert.That(() => NasBertInternals<uint, long>.Get("TextClassification"), Throws.Nothing);
            Assert.That(() => NasBertInternals<float, float>.Get("SentenceSimilarity"), Throws.Nothing);
            Assert.That(() => NasBertInternals<VBuffer<uint>, VBuffer<long>>.Get("NamedEntityRecognition"), Throws.Nothing);
            Assert.That(() => ObjectDetectionInternals.Get("ObjectDetection"), Throws.Nothing);
            Assert.That(() => QuestionAnswerInternals.Get("QuestionAnswer"), Throws.Nothing);
        });
    }

    private sealed class Sample
    {
#pragma warning disable CS0649, CS0169, IDE0044, IDE0051 // Reflection targets.
        private int present;
#pragma warning restore CS0649, CS0169, IDE0044, IDE0051
    }
}
