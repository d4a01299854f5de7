// Reads every part of a zip (an .xlsx or .docx) in memory, for tests that look inside what
// the writers produce. Links libzip. For tests only.
#pragma once

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <string>

namespace xiezuo::io::testing {

// Every part of the zip in `bytes`, by name; adds a test failure when it is not a zip.
inline std::map<std::string, std::string> Unzip(const std::string& bytes) {
  std::map<std::string, std::string> parts;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = src == nullptr ? nullptr : zip_open_from_source(src, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (zip == nullptr) {
    if (src != nullptr) zip_source_free(src);
    ADD_FAILURE() << "not a zip";
    return parts;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st);
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    parts[st.name] = data;
  }
  zip_discard(zip);
  return parts;
}

}  // namespace xiezuo::io::testing
