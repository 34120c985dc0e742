// bpf_embed OBJECT SKEL_IN SKEL_OUT: rewrites a bpftool skeleton so that it embeds its BPF
// object compressed (zlib) instead of as a raw string, and unpacks it when opened
// (bpf/unpack.h). BPF objects compress about 3x: this keeps the bytes each tool adds
// to the static binary down as the tool set grows. zlib rather than zstd: its inflate is
// in the binary already (libbpf and libelf use it), zstd's decoder would add 190 KB for
// 8% better compression. A build-time tool only.
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace {

std::string read_file(const char* path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error(std::string("cannot read ") + path);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

std::string compress(const std::string& raw) {
  uLongf n = compressBound(raw.size());
  std::string out(n, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(raw.data()), raw.size(),
                Z_BEST_COMPRESSION) != Z_OK)
    throw std::runtime_error("zlib compress failed");
  out.resize(n);
  return out;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc != 4) {
    std::fprintf(stderr, "usage: bpf_embed OBJECT SKEL_IN SKEL_OUT\n");
    return 2;
  }
  const std::string obj = read_file(argv[1]);
  std::string skel = read_file(argv[2]);

  // The definition of NAME__elf_bytes: its declaration line followed by "{", up to the
  // end of the string literal it returns.
  const std::string prefix = "static inline const void *", signature = "__elf_bytes(size_t *sz)",
                    open_body = "\n{\n", close_body = "\";\n}\n";
  const std::size_t body = skel.find(signature + open_body);
  const std::size_t decl = body == std::string::npos ? body : skel.rfind(prefix, body);
  const std::size_t end = body == std::string::npos ? body : skel.find(close_body, body);
  if (decl == std::string::npos || end == std::string::npos)
    throw std::runtime_error(std::string("no elf_bytes definition in ") + argv[2]);
  const std::string name = skel.substr(decl + prefix.size(), body - (decl + prefix.size()));  // NAME_bpf
  const std::string fn = name + signature;

  const std::string packed = compress(obj);
  std::ostringstream out;
  out << "static const unsigned char " << name << "__elf_z[] = {";
  for (std::size_t i = 0; i < packed.size(); i++)
    out << (i % 16 ? "" : "\n\t") << static_cast<unsigned>(static_cast<unsigned char>(packed[i])) << ",";
  out << "\n};\n\nstatic inline const void *" << fn << "\n{\n\treturn corebox::bpf::unpack_bpf_object(" << name
      << "__elf_z, sizeof(" << name << "__elf_z), " << obj.size() << ", sz);\n}\n";
  skel.replace(decl, end + close_body.size() - decl, out.str());

  const std::string include = "#include <bpf/libbpf.h>\n";
  const std::size_t inc = skel.find(include);
  if (inc == std::string::npos) throw std::runtime_error("no libbpf include in the skeleton");
  skel.insert(inc + include.size(), "#include \"bpf/unpack.h\"\n");

  std::ofstream(argv[3], std::ios::binary) << skel;
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bpf_embed: %s\n", e.what());
  return 1;
}
