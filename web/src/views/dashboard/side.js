// Which side of East–West cooperation a region is on, by its province code (the first two
// digits), as model::RegionSide (src/model/indicator.cc) decides it on the server: the eastern
// provinces that give (北京 天津 上海 江苏 浙江 福建 山东 广东) and the western ones that receive
// (内蒙古 广西 重庆 四川 贵州 云南 陕西 甘肃 青海 宁夏). A region's figures exist only on its own
// side, so the dashboard offers the 支援/受援 switch only where this is '' (the whole country, or a
// province in neither list). Keep the two lists in step with the server's.
const EAST = new Set(['11', '12', '31', '32', '33', '35', '37', '44'])
const WEST = new Set(['15', '45', '50', '51', '52', '53', '61', '62', '63', '64'])

// 'east', 'west' or '' (no side: the whole country for '', or a province in neither list).
export function regionSide(code) {
  const province = String(code || '').slice(0, 2)
  if (EAST.has(province)) return 'east'
  if (WEST.has(province)) return 'west'
  return ''
}
