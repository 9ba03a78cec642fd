/* rasd/story.h — public story API (see the stage folder src/story/). */
#ifndef RASD_STORY_H
#define RASD_STORY_H

#endif
