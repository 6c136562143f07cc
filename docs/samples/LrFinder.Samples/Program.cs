using Microsoft.ML.LrFinder.Samples;

// dotnet run --project docs/samples/LrFinder.Samples -- <sample> <data path> [output folder]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: LrFinder.Samples text-classification|sentence-similarity|ner|object-detection|question-answer|tune <data> [output]");
    return 2;
}

string output = args.Length > 2 ? args[2] : "lr-find";
Directory.CreateDirectory(output);
switch (args[0])
{
    case "text-classification":
        TextClassificationSample.Run(args[1], output);
        break;
    case "sentence-similarity":
        SentenceSimilaritySample.Run(args[1], output);
        break;
    case "ner":
        NamedEntityRecognitionSample.Run(args[1], output);
        break;
    case "object-detection":
        ObjectDetectionSample.Run(args[1], output);
        break;
    case "question-answer":
        QuestionAnswerSample.Run(args[1], output);
        break;
    case "tune":
        TuningSample.Run(args[1], output);
        break;
    default:
        Console.Error.WriteLine($"unknown sample '{args[0]}'");
        return 2;
}

return 0;
