# Converts the UCI data sets that Debian's r-cran-mlbench ships into the CSV files beside this script (see README.md).
# Run once, from this folder: apt-get install r-cran-mlbench && Rscript mlbench-to-csv.R && gzip -9 -n satellite.csv letter-recognition.csv
# Each file: a header, then one row per example: Label (the class as 0..k-1, in the order of the R factor's levels), then the
# features as numbers (factor-coded features become their numeric value). No row is dropped or changed.
library(mlbench)
sets <- list(
  c("Sonar", "Class", "sonar"), c("Ionosphere", "Class", "ionosphere"), c("Glass", "Type", "glass"),
  c("Vehicle", "Class", "vehicle"), c("PimaIndiansDiabetes", "diabetes", "pima-indians-diabetes"),
  c("Satellite", "classes", "satellite"), c("Vowel", "Class", "vowel"), c("LetterRecognition", "lettr", "letter-recognition"))
for (s in sets) {
  data(list = s[1]); d <- get(s[1]); label <- s[2]
  x <- d[, setdiff(names(d), label), drop = FALSE]
  for (n in names(x)) if (is.factor(x[[n]])) x[[n]] <- as.numeric(as.character(x[[n]]))
  out <- data.frame(Label = as.integer(d[[label]]) - 1L, x, check.names = FALSE)
  write.csv(out, file = paste0(s[3], ".csv"), row.names = FALSE, quote = FALSE)
}
