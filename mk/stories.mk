# stories.mk — targets of the story stage: benchmark and evaluations (need ../shared).
.PHONY: bench-stories eval-stories
bench-stories: all
	@sh bench/bench_stories.sh $(RASD)

eval-stories: all
	@sh eval/stories_dev.sh $(RASD)
	@sh eval/easc.sh $(RASD)
