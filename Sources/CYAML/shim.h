#ifndef STAGELINT_CYAML_SHIM_H
#define STAGELINT_CYAML_SHIM_H
#include <yaml.h>
#endif
