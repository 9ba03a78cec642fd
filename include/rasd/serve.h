/* rasd/serve.h — public serve API (see the stage folder src/serve/). */
#ifndef RASD_SERVE_H
#define RASD_SERVE_H

#endif
