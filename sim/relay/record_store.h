// Records kept in blocks: an append-only sequence indexed by dense ids, whose blocks can be
// given back once every record in them is released. The runtime keeps messages and their
// addressee records here, so that a long run that folds finished messages into its
// statistics needs memory for what is in flight, not for everything it ever carried.
//
// Invariants: ids are never reused; a record may be read while its block is alive (always,
// when nothing is released); a block is freed when all of its records are released and it
// is full (the block being appended to stays).
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <type_traits>
#include <vector>

namespace cablesim {

template <class T, unsigned kBlockBits = 10>
class RecordStore {
 public:
  static constexpr std::size_t kBlock = std::size_t{1} << kBlockBits;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  T& operator[](std::size_t i) {
    assert(i < size_ && blocks_[i >> kBlockBits]);
    return blocks_[i >> kBlockBits]->items[i & (kBlock - 1)];
  }
  const T& operator[](std::size_t i) const {
    assert(i < size_ && blocks_[i >> kBlockBits]);
    return blocks_[i >> kBlockBits]->items[i & (kBlock - 1)];
  }
  T& back() { return (*this)[size_ - 1]; }

  void push_back(T value) {
    if ((size_ & (kBlock - 1)) == 0) blocks_.push_back(NewBlock());
    Block& b = *blocks_.back();
    b.items[size_ & (kBlock - 1)] = std::move(value);
    ++b.live;
    ++size_;
  }

  /// Appends a default record and returns it (its place never changes).
  T& Append() {
    static_assert(std::is_nothrow_default_constructible_v<T>);
    if ((size_ & (kBlock - 1)) == 0) blocks_.push_back(NewBlock());
    Block& b = *blocks_.back();
    T& item = b.items[size_ & (kBlock - 1)];
    // Destroyed and made again in place: no default record built aside and moved in.
    std::destroy_at(&item);
    std::construct_at(&item);
    ++b.live;
    ++size_;
    return item;
  }

  /// True while record i can be read (its block has not been given back).
  bool alive(std::size_t i) const { return i < size_ && blocks_[i >> kBlockBits] != nullptr; }

  /// Releases records [first, first + count): each is no longer needed. Blocks left with
  /// nothing alive (and full) are freed.
  void Release(std::size_t first, std::size_t count) {
    for (std::size_t i = first; i < first + count;) {
      const std::size_t block = i >> kBlockBits;
      const std::size_t in_block = std::min(first + count, (block + 1) << kBlockBits) - i;
      Block* b = blocks_[block].get();
      assert(b && b->live >= in_block);
      b->live -= in_block;
      if (b->live == 0 && (block + 1) << kBlockBits <= size_) {
        if (spare_.size() < kSpareBlocks) {
          spare_.push_back(std::move(blocks_[block]));
        } else {
          blocks_[block].reset();
        }
      }
      i += in_block;
    }
  }

  /// Blocks currently holding records (for memory accounting; at most kSpareBlocks more are
  /// kept empty for reuse).
  std::size_t blocks_alive() const {
    std::size_t n = 0;
    for (const auto& b : blocks_) n += b != nullptr;
    return n;
  }

  /// Every record, in id order (only while nothing has been released).
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator(const RecordStore* s, std::size_t i) : s_(s), i_(i) {}
    const T& operator*() const { return (*s_)[i_]; }
    const T* operator->() const { return &(*s_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const const_iterator& o) const { return i_ == o.i_; }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

   private:
    const RecordStore* s_;
    std::size_t i_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  struct Block {
    T items[kBlock];
    std::size_t live = 0;
  };
  // A block given back is kept for the next one needed (up to kSpareBlocks): a steady run
  // then allocates and clears no memory. Its stale records are overwritten by push_back.
  static constexpr std::size_t kSpareBlocks = 4;
  std::unique_ptr<Block> NewBlock() {
    if (spare_.empty()) return std::make_unique<Block>();
    std::unique_ptr<Block> b = std::move(spare_.back());
    spare_.pop_back();
    b->live = 0;
    return b;
  }

  std::vector<std::unique_ptr<Block>> blocks_;
  std::vector<std::unique_ptr<Block>> spare_;
  std::size_t size_ = 0;
};

}  // namespace cablesim
