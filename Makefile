# sitrep: the two commands that matter are `make run` and `make test`.
GO      ?= go
BIN     := bin/sitrep
SHARED  ?= ../shared
OUT     ?= out
FUZZTIME ?= 60s
# Minimizing a new input can otherwise take 60 s of a 60 s run, with no fuzzing meanwhile.
FUZZMINTIME ?= 5s

.PHONY: all build run test needs lint vet fmt-check models eval fuzz bench crashtest hostile clean

all: build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/sitrep

# Build, annotate the bundled example corpus into ./out, validate it and run one search.
run: build
	$(BIN) annotate corpus/examples -o $(OUT)
	$(BIN) validate $(OUT)
	$(BIN) search $(OUT) 'entity:ISKP AND category:likely'

# Formatting, vet, and every test with the race detector (what CI runs);
# first, that the tools the tests drive (Chromium, python3) are installed.
test: needs fmt-check vet
	$(GO) test -race -count=1 ./...

needs:
	@scripts/needs.sh

lint: fmt-check vet

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# Rebuild the embedded model files from the shared gazetteers and NER sets (needs $(SHARED)); commit the result.
# The shipped entity model learns every name label from the sources whose
# licences let us ship it (models/NOTICE.md), each declared for the labels it
# annotates (LABEL+LABEL@FILE); models/nerdata maps them onto the record
# contract's labels into NERDATA (scratch, not committed). AnnoCTR is given
# three times (ext twice) so that CTI text is not outweighed by Wikipedia;
# the epoch count and weights were chosen on ISW, re3d and AnnoCTR dev
# figures (README, "Entity model"). re3d's State Department and Wikipedia
# documents stay out of training, for measurement.
NERDATA ?= /tmp/sitrep-nerdata
NER_LABELS = PERSON,ORG,GROUP,GPE,LOC,NORP,DATE,SECTOR,MALWARE,TOOL
ANNOCTR_ALL = ORG+GPE+LOC+NORP+GROUP+DATE+SECTOR+MALWARE+TOOL@$(NERDATA)/annoctr-train.jsonl
ANNOCTR_EXT = ORG+GPE+LOC+NORP+DATE+SECTOR@$(NERDATA)/annoctr-ext.jsonl
models:
	$(GO) run ./models/gen -shared $(SHARED) -out models/data
	$(GO) run ./models/clusters -shared $(SHARED) -out models/data/clusters.tsv.gz
	$(GO) run ./models/warninglists -shared $(SHARED) -out models/data/warninglists.tsv.gz
	$(GO) run ./models/places -shared $(SHARED) -out models/data/places.bin.gz
	$(GO) run ./models/nerdata -shared $(SHARED) -out $(NERDATA)
	$(GO) run ./cmd/sitrep train --epochs 4 --restarts 3 --bits 20 --merge override --labels $(NER_LABELS) \
		--licence "CC BY-SA 4.0 (AnnoCTR; Wikipedia text of CrossNER and Re-DocRED); see models/NOTICE.md" \
		--train $(ANNOCTR_ALL) --train $(ANNOCTR_ALL) --train $(ANNOCTR_ALL) --train $(ANNOCTR_EXT) --train $(ANNOCTR_EXT) \
		--train PERSON+ORG+GPE+LOC+NORP+DATE+GROUP+MALWARE+TOOL@$(NERDATA)/redocred.jsonl \
		--train PERSON+ORG+GPE+LOC+GROUP+MALWARE+TOOL@$(NERDATA)/crossner.jsonl \
		--train PERSON+ORG+GPE+LOC+NORP+GROUP+MALWARE+TOOL@$(NERDATA)/wikigold.jsonl \
		--train PERSON+ORG+GROUP+GPE+LOC+NORP+DATE+MALWARE+TOOL@$(NERDATA)/re3d-train.jsonl \
		-o models/data/ner

# Score the pipeline on the shared dev data with the independent scorer (needs $(SHARED)).
eval: build
	SITREP=$(BIN) scripts/eval.sh $(SHARED)

# Run every fuzz target for FUZZTIME each.
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) FUZZMINTIME=$(FUZZMINTIME) scripts/fuzz.sh

# Corpus-level throughput against the prose baseline, scaling, memory, re-run cost, search latency
# (scripts/bench.sh), then the micro-benchmarks of every stage.
bench:
	scripts/bench.sh
	$(GO) test ./pipeline/ -run '^$$' -bench 'Stages/|ReadHTML' -benchmem -count 3
	scripts/chain-scaling.sh

# 20 annotate runs killed with SIGKILL at random moments, each recovered and compared with a clean run.
crashtest: build
	scripts/crashtest.sh

# A generated hostile corpus (binary, 200 MB, 50 MB line, deep HTML, 10,000 files, loops...).
hostile: build
	scripts/hostile.sh

clean:
	rm -rf bin $(OUT)
