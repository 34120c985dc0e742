// What an output::Writer writes, captured through an unlinked temporary file.
#pragma once
#include <cstdio>
#include <string>

#include "output/writer.h"

template <class F>
std::string capture(F&& f) {
  FILE* tmp = std::tmpfile();
  {
    corebox::output::Writer w(fileno(tmp));
    f(w);
  }
  std::string s;
  std::rewind(tmp);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), tmp)) > 0) s.append(buf, n);
  std::fclose(tmp);
  return s;
}
