#ifndef CHARTER_CLIBXML2_SHIM_H
#define CHARTER_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls in the system's ICU
// headers, whose UErrorCode clashes with the copy inside Foundation (_FoundationICU)
// in any Swift module that imports both. charter never touches the ICU parts of
// libxml2 (it only holds xmlCharEncodingHandler pointers, never the struct), so the
// ICU half of the headers is switched off here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#endif
