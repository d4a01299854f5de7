# xiezuo: `make run` serves the demo at http://127.0.0.1:8080, `make test` runs every test.
.PHONY: run test build web setup-run setup-test bench format lint clean

RELEASE := build/release
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html \
               web/vite.config.js web/package-lock.json

run: setup-run build web
	@mkdir -p var
	@$(RELEASE)/xiezuo init --demo
	@$(RELEASE)/xiezuo serve

test: setup-test web
	@scripts/test.sh

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

build:
	@cmake -S . -B $(RELEASE) -G Ninja -DCMAKE_BUILD_TYPE=Release -DXIEZUO_TESTS=OFF \
	  -DXIEZUO_BENCH=OFF > /dev/null
	@ninja -C $(RELEASE) xiezuo

web: web/dist/index.html

web/dist/index.html: $(WEB_SOURCES)
	@cd web && npm run build --silent

bench:
	@bench/run.sh

format:
	@clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'bench/*.cc' 'tests/*.cc')

lint:
	@scripts/lint.sh format && scripts/lint.sh tidy build/test

clean:
	rm -rf build web/dist
