// Records in blocks: ids stay, blocks go back when every record in them is released.
#include "sim/relay/record_store.h"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("a record store appends, reads by id and gives back released blocks" *
          doctest::timeout(120)) {
  cablesim::RecordStore<std::string, 2> store;  // blocks of 4
  for (int i = 0; i < 10; ++i) store.push_back("r" + std::to_string(i));
  CHECK(store.size() == 10);
  CHECK(store[7] == "r7");
  CHECK(store.blocks_alive() == 3);
  store.Release(0, 3);
  CHECK(store.blocks_alive() == 3);  // r3 still holds the first block
  store.Release(3, 2);               // r3 and r4: the first block goes
  CHECK(store.blocks_alive() == 2);
  CHECK_FALSE(store.alive(0));
  CHECK(store.alive(4));
  CHECK(store[5] == "r5");
  store.Release(8, 2);  // the block being appended to stays
  CHECK(store.alive(9));
  store.push_back("r10");
  store.push_back("r11");
  store.Release(10, 2);  // now it is full and empty: it goes
  CHECK_FALSE(store.alive(9));
  CHECK(store.size() == 12);  // ids are never reused
  int n = 0;
  cablesim::RecordStore<int> all;
  for (int i = 0; i < 3000; ++i) all.push_back(i);
  for (int v : all) CHECK(v == n++);
  CHECK(n == 3000);
}
