using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Trainers;
using Microsoft.ML.LrFinder.Trainers.NasBert;
using Microsoft.ML.LrFinder.Trainers.ObjectDetection;
using Microsoft.ML.LrFinder.Trainers.QuestionAnswer;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>The version guard: every member a hook needs is checked before training, and a missing one is named.</summary>
public class MemberResolverTests
{
    [Test]
    public void A_missing_member_fails_with_the_trainer_the_member_and_the_tested_versions()
    {
        var resolver = new MemberResolver();
        resolver.Field(typeof(Sample), "present", typeof(int));
        resolver.Field(typeof(Sample), "Moved", typeof(int));
        resolver.Method(typeof(Sample), "Train", typeof(string));

        var error = Assert.Throws<NotSupportedException>(() => resolver.ThrowIfMissing("TextClassification"));

        Assert.That(error!.Message, Does.Contain("TextClassification")
            .And.Contain("Sample.Moved (Int32)")
            .And.Contain("Sample.Train(String)")
            .And.Contain("tested on Microsoft.ML.TorchSharp 0.23.1 and 0.24.0"));
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
            Assert.That(TorchSharpInternals.LoadedVersion, Is.EqualTo(MLNetLine.MicrosoftMLTorchSharpVersion), "the build's line is the one loaded");
            Assert.That(TorchSharpInternals.TestedVersions, Does.Contain(TorchSharpInternals.LoadedVersion));
            Assert.That(() => NasBertInternals<uint, long>.Get("TextClassification"), Throws.Nothing);
            Assert.That(() => NasBertInternals<float, float>.Get("SentenceSimilarity"), Throws.Nothing);
            Assert.That(() => NasBertInternals<VBuffer<uint>, VBuffer<long>>.Get("NamedEntityRecognition"), Throws.Nothing);
            Assert.That(() => ObjectDetectionInternals.Get("ObjectDetection"), Throws.Nothing);
            Assert.That(() => QuestionAnswerInternals.Get("QuestionAnswer"), Throws.Nothing);
        });
    }

    [Test]
    public void A_tested_version_gives_no_warning_and_an_untested_one_whose_members_resolve_says_so()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TorchSharpInternals.UntestedVersionWarning("TextClassification", "0.23.1"), Is.Null);
            Assert.That(TorchSharpInternals.UntestedVersionWarning("TextClassification", "0.24.0"), Is.Null);
            Assert.That(
                TorchSharpInternals.UntestedVersionWarning("TextClassification", "0.25.0"),
                Does.StartWith("Microsoft.ML.TorchSharp 0.25.0 is not a version the LR finder was tested on (0.23.1 and 0.24.0)")
                    .And.Contain("the TextClassification hook needs was found"));
        });
    }

    private sealed class Sample
    {
#pragma warning disable CS0649, CS0169, IDE0044, IDE0051 // Reflection targets.
        private int present;
#pragma warning restore CS0649, CS0169, IDE0044, IDE0051
    }
}
