using Microsoft.ML.LrFinder.Samples;
using Microsoft.ML.LrFinder.Samples.ImageClassification;

// dotnet run --project docs/samples/LrFinder.Samples -- <sample> <data path> [output folder] [--random-init]
bool randomInit = args.Contains("--random-init");
args = args.Where(a => a != "--random-init").ToArray();
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: LrFinder.Samples text-classification|sentence-similarity|ner|object-detection|question-answer|tune|image-classification <data> [output] [--random-init]");
    return 2;
}

string output = args.Length > 2 ? args[2] : "lr-find";
Directory.CreateDirectory(output);
switch (args[0])
{
    case "text-classification":
        TextClassificationSample.Run(args[1], output, randomInit);
        break;
    case "sentence-similarity":
        SentenceSimilaritySample.Run(args[1], output, randomInit);
        break;
    case "ner":
        NamedEntityRecognitionSample.Run(args[1], output, randomInit);
        break;
    case "object-detection":
        ObjectDetectionSample.Run(args[1], output, randomInit);
        break;
    case "question-answer":
        QuestionAnswerSample.Run(args[1], output, randomInit);
        break;
    case "tune":
        TuningSample.Run(args[1], output);
        break;
    case "image-classification":
        ImageClassificationSample.Run(args[1], output);
        break;
    default:
        Console.Error.WriteLine($"unknown sample '{args[0]}'");
        return 2;
}

return 0;
