# Outside reference for Gi*: spdep::localG on OUR values and OUR neighbour lists.
# Run by tests/integration/gistar-spdep.test.ts (and usable by the bench):
#
#   Rscript tests/reference/gistar-spdep.R <in.tsv> <out.csv> [<in2.tsv> <out2.csv> ...]
#
# Several pairs in one run save R's start-up (~2 s each) when checking many cases.
# in.tsv: one line per cell: value <TAB> comma-separated 1-based neighbour indices, the
#   cell itself included (gridDisk(i, k) ∩ study cells).
# out.csv: header z,p,p_bh,p_holm; one row per cell, 17 significant digits.
# in.wkt, if it exists beside in.tsv (k = 1 inputs): one WKT polygon per cell, same order.
#   spdep then builds its own queen contiguity from the hexagon shapes (poly2nb) and the
#   script fails unless it equals our lists: an independent check of the neighbours too.
# stdout: "<in.tsv> poly2nb_agrees=TRUE" when checked, and "<in.tsv> localG_seconds=<elapsed>"
#   for the timing comparison in the bench.
#
# Needs Debian r-cran-spdep (apt-get install -y r-cran-spdep).
suppressPackageStartupMessages(library(spdep))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2 || length(args) %% 2 != 0) stop("usage: Rscript gistar-spdep.R <in.tsv> <out.csv> [<in2.tsv> <out2.csv> ...]")

compare_with_spdep <- function(input, output) {
  lines <- readLines(input)
  parts <- strsplit(lines, "\t", fixed = TRUE)
  x <- as.numeric(vapply(parts, function(p) p[[1]], ""))
  n <- length(x)
  nb <- lapply(parts, function(p) sort(as.integer(strsplit(p[[2]], ",", fixed = TRUE)[[1]])))
  if (anyNA(x) || any(vapply(nb, anyNA, TRUE))) stop(input, ": NA values or indices")
  if (!all(vapply(seq_len(n), function(i) i %in% nb[[i]], TRUE))) stop(input, ": every neighbour list must include its own cell")
  class(nb) <- "nb"
  attr(nb, "region.id") <- as.character(seq_len(n))
  attr(nb, "self.included") <- TRUE
  if (!is.symmetric.nb(nb, verbose = FALSE, force = TRUE)) stop(input, ": neighbour lists are not symmetric")

  # Our "self included" lists must be exactly what spdep's own include.self() makes from
  # the same lists without self: the Gi* (not Gi) convention localG documents.
  without_self <- lapply(seq_len(n), function(i) {
    others <- setdiff(nb[[i]], i)
    if (length(others) == 0) 0L else others
  })
  class(without_self) <- "nb"
  attr(without_self, "region.id") <- attr(nb, "region.id")
  rebuilt <- include.self(without_self)
  if (!identical(lapply(rebuilt, as.integer), lapply(nb, as.integer))) stop(input, ": include.self() disagrees with our self-included lists")

  hexagon_file <- sub("\\.tsv$", ".wkt", input)
  if (hexagon_file != input && file.exists(hexagon_file)) {
    suppressPackageStartupMessages(library(sf))
    hexagons <- st_as_sfc(readLines(hexagon_file))
    if (length(hexagons) != n) stop(hexagon_file, ": one polygon per cell expected")
    # Adjacent H3 cells share vertices to ~1e-12 degrees; a 1e-7 degree snap (about 1 cm) is ample.
    queen <- include.self(poly2nb(hexagons, queen = TRUE, snap = 1e-7))
    if (!identical(lapply(queen, as.integer), lapply(nb, as.integer))) stop(input, ": poly2nb queen contiguity of the hexagons disagrees with our lists")
    cat(input, " poly2nb_agrees=TRUE\n", sep = "")
  }

  listw <- nb2listw(nb, style = "B", zero.policy = TRUE)
  started <- proc.time()[["elapsed"]]
  z <- as.numeric(localG(x, listw, zero.policy = TRUE))
  elapsed <- proc.time()[["elapsed"]] - started
  p <- 2 * pnorm(abs(z), lower.tail = FALSE)
  out <- data.frame(
    z = sprintf("%.17g", z),
    p = sprintf("%.17g", p),
    p_bh = sprintf("%.17g", p.adjust(p, method = "BH")),
    p_holm = sprintf("%.17g", p.adjust(p, method = "holm"))
  )
  write.csv(out, output, row.names = FALSE, quote = FALSE)
  cat(input, sprintf(" localG_seconds=%.6f\n", elapsed), sep = "")
}

for (pair in seq(1, length(args), by = 2)) compare_with_spdep(args[[pair]], args[[pair + 1]])
