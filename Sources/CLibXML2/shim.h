#ifndef CHARTER_CLIBXML2_SHIM_H
#define CHARTER_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#endif
