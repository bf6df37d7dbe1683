-- Rotates through what people type into the catalogue search box.
local queries = {
  "az305", "AZ%20305", "azrue%20solutions%20architect", "%E6%80%9D%E7%A7%91%20%E4%B8%93%E5%AE%B6",
  "ccna", "chartered%20engineer", "aws%20saa", "frics", "leed%20ap", "%E6%B3%A8%E5%86%8C%E5%BB%BA%E7%AD%91%E5%B8%88"
}
local i = 0
request = function()
  i = (i % #queries) + 1
  return wrk.format("GET", "/api/catalogue/search?limit=10&q=" .. queries[i])
end
