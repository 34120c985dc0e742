// corebox-rt: the runtime tests. `corebox-rt --rt-exit N ...` is a child mode: the
// tests exec this binary under unique names to cause exec events, and it exits with N.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--rt-exit") == 0) return std::atoi(argv[2]);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
