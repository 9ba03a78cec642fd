/* rasd/store.h — public store API (see the stage folder src/store/). */
#ifndef RASD_STORE_H
#define RASD_STORE_H

#endif
